package io.payrail.http;

import io.payrail.platform.Check;

/**
 * A cursor page request, Stripe style: at most {@code limit} items after the item whose id is
 * {@code startingAfter} (null for the first page). Lists fetch {@link #fetchSize()} rows, one more
 * than they show, so {@link Page#of} knows whether there is more without a count.
 */
public record PageRequest(int limit, String startingAfter) {
    public static final int LIMIT_DEFAULT = 20;
    /** No page is larger: a list never loads an unbounded number of rows. */
    public static final int LIMIT_MAX = 100;
    public static final int CURSOR_LENGTH_MAX = 128;
    public static final String LIMIT_PARAMETER = "limit";
    public static final String CURSOR_PARAMETER = "starting_after";
    private static final String CURSOR_PATTERN = "[A-Za-z0-9_.:-]+";

    public PageRequest {
        Check.argument(limit >= 1 && limit <= LIMIT_MAX, "limit must be within 1..%d, got %d", LIMIT_MAX, limit);
        Check.argument(startingAfter == null || isValidCursor(startingAfter), "invalid cursor: %s", startingAfter);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /**
     * Reads the query parameters' raw text (either may be null). Bad values throw
     * {@link ProblemException} with code {@code limit_invalid} or {@code cursor_invalid}.
     */
    public static PageRequest parse(String limitText, String cursorText) {
        int limit = LIMIT_DEFAULT;
        if (limitText != null) {
            limit = parseLimit(limitText);
        }
        if (cursorText != null && !isValidCursor(cursorText)) {
            throw ProblemException.of(400, ProblemCodes.CURSOR_INVALID,
                    "starting_after must be the id of an item from a previous page (1.." + CURSOR_LENGTH_MAX
                            + " letters, digits or _.:-)", CURSOR_PARAMETER);
        }
        return new PageRequest(limit, cursorText);
    }

    /** Rows to fetch: one more than the page shows, to learn {@code has_more}. */
    public int fetchSize() {
        return limit + 1;
    }

    private static int parseLimit(String text) {
        int limit;
        try {
            limit = text.length() > 4 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            limit = -1;
        }
        if (limit < 1 || limit > LIMIT_MAX) {
            throw ProblemException.of(400, ProblemCodes.LIMIT_INVALID,
                    "limit must be a whole number from 1 to " + LIMIT_MAX, LIMIT_PARAMETER);
        }
        return limit;
    }

    private static boolean isValidCursor(String cursor) {
        return !cursor.isEmpty() && cursor.length() <= CURSOR_LENGTH_MAX && cursor.matches(CURSOR_PATTERN);
    }
}
