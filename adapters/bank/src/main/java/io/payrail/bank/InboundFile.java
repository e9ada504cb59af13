package io.payrail.bank;

/** A file received from the bank: its record and its plaintext (decrypted and verified when PGP is on). */
public record InboundFile(BankFileRecord record, byte[] content) {}
