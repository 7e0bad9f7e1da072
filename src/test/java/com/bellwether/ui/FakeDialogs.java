package com.bellwether.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the dialogs as a test decides, and records what was asked and shown. One for every screen's tests. */
public final class FakeDialogs implements Dialogs {

    public Path folder;
    public List<Path> files = List.of();
    public Path profile;
    public Path saveTo;
    public String answer;
    public boolean confirms = true;
    public final List<String> errors = new ArrayList<>();
    public final List<String> information = new ArrayList<>();
    public final List<String> asked = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();

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

    @Override
    public Optional<String> askText(String title, String prompt) {
        asked.add(title + ": " + prompt);
        return Optional.ofNullable(answer);
    }

    @Override
    public boolean confirm(String title, String message) {
        confirmations.add(title + ": " + message);
        return confirms;
    }
}
