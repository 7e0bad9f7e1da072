package com.bellwether.domain;

import java.util.Locale;

/** Counted nouns written right: "1 account", "2 accounts", "1,234 accounts". */
public final class Plurals {

    private Plurals() {
    }

    /** {@code count} followed by {@code singular}, or by {@code singular + "s"} when the count is not one. */
    public static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    public static String count(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
    }

    /** Just the noun, for headers and captions where the number is shown elsewhere. */
    public static String noun(long count, String singular, String plural) {
        return count == 1 ? singular : plural;
    }
}
