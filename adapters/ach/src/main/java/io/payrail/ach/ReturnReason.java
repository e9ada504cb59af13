package io.payrail.ach;

import java.util.Optional;

/** NACHA return reason codes R01 to R85 with their meanings, so that payments can act on a return. */
public enum ReturnReason {
    R01("Insufficient funds"),
    R02("Account closed"),
    R03("No account or unable to locate account"),
    R04("Invalid account number structure"),
    R05("Unauthorized debit to consumer account using corporate SEC code"),
    R06("Returned per ODFI's request"),
    R07("Authorization revoked by customer"),
    R08("Payment stopped"),
    R09("Uncollected funds"),
    R10("Customer advises originator is not known or not authorized to debit the account"),
    R11("Customer advises entry not in accordance with the terms of the authorization"),
    R12("Account sold to another DFI"),
    R13("Invalid ACH routing number"),
    R14("Representative payee deceased or unable to continue in that capacity"),
    R15("Beneficiary or account holder deceased"),
    R16("Account frozen or entry returned per OFAC instruction"),
    R17("File record edit criteria or entry initiated under questionable circumstances"),
    R18("Improper effective entry date"),
    R19("Amount field error"),
    R20("Non-transaction account"),
    R21("Invalid company identification"),
    R22("Invalid individual ID number"),
    R23("Credit entry refused by receiver"),
    R24("Duplicate entry"),
    R25("Addenda error"),
    R26("Mandatory field error"),
    R27("Trace number error"),
    R28("Routing number check digit error"),
    R29("Corporate customer advises not authorized"),
    R30("RDFI not participant in check truncation program"),
    R31("Permissible return entry (CCD and CTX only)"),
    R32("RDFI non-settlement"),
    R33("Return of XCK entry"),
    R34("Limited participation DFI"),
    R35("Return of improper debit entry"),
    R36("Return of improper credit entry"),
    R37("Source document presented for payment"),
    R38("Stop payment on source document"),
    R39("Improper source document or source document presented for payment"),
    R40("Return of ENR entry by federal government agency"),
    R41("Invalid transaction code (ENR)"),
    R42("Routing number or check digit error (ENR)"),
    R43("Invalid DFI account number (ENR)"),
    R44("Invalid individual ID number (ENR)"),
    R45("Invalid individual name or company name (ENR)"),
    R46("Invalid representative payee indicator (ENR)"),
    R47("Duplicate enrollment (ENR)"),
    R50("State law affecting RCK acceptance"),
    R51("Item related to RCK entry is ineligible or RCK entry is improper"),
    R52("Stop payment on item related to RCK entry"),
    R53("Item and RCK entry presented for payment"),
    R61("Misrouted return"),
    R62("Return of erroneous or reversing debit"),
    R67("Duplicate return"),
    R68("Untimely return"),
    R69("Field errors"),
    R70("Permissible return entry not accepted or return not requested by ODFI"),
    R71("Misrouted dishonored return"),
    R72("Untimely dishonored return"),
    R73("Timely original return"),
    R74("Corrected return"),
    R75("Return not a duplicate"),
    R76("No errors found"),
    R77("Non-acceptance of R62 dishonored return"),
    R80("IAT entry coding error"),
    R81("Non-participant in IAT program"),
    R82("Invalid foreign receiving DFI identification"),
    R83("Foreign receiving DFI unable to settle"),
    R84("Entry not processed by gateway"),
    R85("Incorrectly coded outbound international payment");

    private final String meaning;

    ReturnReason(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<ReturnReason> parse(String code) {
        for (ReturnReason reason : values()) {
            if (reason.name().equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /** R61 to R70: the originating bank refuses (dishonors) a return. */
    public boolean isDishonored() {
        return switch (this) {
            case R61, R62, R67, R68, R69, R70 -> true;
            default -> false;
        };
    }

    /** R71 to R77: the receiving bank contests a dishonored return. */
    public boolean isContested() {
        return ordinal() >= R71.ordinal() && ordinal() <= R77.ordinal();
    }

    /** The receiver says the debit was not authorized: the originator must not debit again without a new authorization. */
    public boolean isUnauthorized() {
        return switch (this) {
            case R05, R07, R10, R11, R29, R51 -> true;
            default -> false;
        };
    }

    /** NACHA allows presenting the entry again (at most twice) after these. */
    public boolean mayBeRepresented() {
        return this == R01 || this == R09;
    }

    /** The account can no longer be used: stop paying to or collecting from it. */
    public boolean closesAccount() {
        return switch (this) {
            case R02, R03, R04, R12, R14, R15, R16, R20 -> true;
            default -> false;
        };
    }
}
