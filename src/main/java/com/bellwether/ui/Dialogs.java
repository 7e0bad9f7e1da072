package com.bellwether.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The dialogs a view model may ask for, behind an interface so tests can answer them. */
public interface Dialogs {

    Optional<Path> chooseFolder(String title);

    /** One or more files to open; empty when the user cancels. */
    default List<Path> chooseFiles(String title) {
        return List.of();
    }

    /** A mapping profile, or empty to import the canonical shape. */
    Optional<Path> chooseMapping(String title);

    void showError(String title, String message);

    /** A file to write, starting from a suggested name; empty when the user cancels. */
    Optional<Path> chooseSaveFile(String title, String suggestedName);

    void showInformation(String title, String message);

    /** Asks the user to confirm an action; true to go ahead. Without a way to ask, it goes ahead. */
    default boolean confirm(String title, String message) {
        return true;
    }

    /** Asks the user for a line of text; empty when the user cancels or there is no way to ask. */
    default Optional<String> askText(String title, String prompt) {
        return Optional.empty();
    }
}
