package com.bellwether.ui.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.bellwether.ui.Dialogs;

/** Answers the dialogs as a test decides, and records the errors shown. */
final class FakeDialogs implements Dialogs {

    Path folder;
    List<Path> files = List.of();
    Path profile;
    Path saveTo;
    final List<String> errors = new ArrayList<>();
    final List<String> information = new ArrayList<>();

    @Override
    public Optional<Path> chooseFolder(String title) {
        return Optional.ofNullable(folder);
    }

    @Override
    public List<Path> chooseFiles(String title) {
        return files;
    }

    @Override
    public Optional<Path> chooseMapping(String title) {
        return Optional.ofNullable(profile);
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        return Optional.ofNullable(saveTo);
    }

    @Override
    public void showInformation(String title, String message) {
        information.add(title + ": " + message);
    }
}
