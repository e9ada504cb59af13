package io.payrail.function;

import java.util.List;

/** Parses one cron field into a bit mask of the values it allows (bit n set = value n allowed). */
final class CronField {
    /** The most comma-separated items one field may list. */
    static final int LIST_ITEMS_MAX = 60;

    private CronField() {}

    static long parse(String field, String name, int min, int max, List<String> names) {
        String[] items = field.split(",", -1);
        if (items.length > LIST_ITEMS_MAX) {
            throw bad(name, field, "at most " + LIST_ITEMS_MAX + " list items");
        }
        long mask = 0;
        for (String item : items) {
            mask |= item(item, field, name, min, max, names);
        }
        return mask;
    }

    private static long item(String item, String field, String name, int min, int max, List<String> names) {
        String[] stepParts = item.split("/", -1);
        if (stepParts.length > 2 || item.isEmpty()) {
            throw bad(name, field, "'" + item + "' is not a value, range or step");
        }
        int step = stepParts.length == 2 ? number(stepParts[1], field, name, names) : 1;
        if (step < 1 || step > max) {
            throw bad(name, field, "step must be 1.." + max);
        }
        String range = stepParts[0];
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else if (range.contains("-")) {
            String[] bounds = range.split("-", -1);
            if (bounds.length != 2) {
                throw bad(name, field, "'" + range + "' is not a range a-b");
            }
            from = number(bounds[0], field, name, names);
            to = number(bounds[1], field, name, names);
        } else {
            from = number(range, field, name, names);
            to = stepParts.length == 2 ? max : from;
        }
        if (from < min || to > max || from > to) {
            throw bad(name, field, "values must be " + min + ".." + max + " with a range's start before its end");
        }
        long mask = 0;
        for (int value = from; value <= to; value += step) {
            mask |= 1L << value;
        }
        return mask;
    }

    private static int number(String text, String field, String name, List<String> names) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return names.size() == 12 ? named + 1 : named;
        }
        if (!text.matches("\\d{1,2}")) {
            throw bad(name, field, "'" + text + "' is not a number" + (names.isEmpty() ? "" : " or a name like " + names.getFirst()));
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException bad(String name, String field, String problem) {
        return new IllegalArgumentException("cron " + name + " field '" + field + "': " + problem);
    }
}
