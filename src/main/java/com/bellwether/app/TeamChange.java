package com.bellwether.app;

/** A change someone else made to the database a workspace has open: what happened, and who did (null: not recorded). */
public record TeamChange(String what, String by) {

    /** "ben: model version 3 (Renewal focus) was saved", or the change alone when who made it is not recorded. */
    public String text() {
        return by == null ? capitalised(what) : by + ": " + what;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
