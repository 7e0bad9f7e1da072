package com.bellwether.ui.alerts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.bellwether.ui.Dialogs;

/** Answers the dialogs as a test decides, and records the questions asked and the errors shown. */
final class FakeDialogs implements Dialogs {

    Path saveTo;
    String answer;
    final List<String> asked = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public Optional<Path> chooseFolder(String title) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseMapping(String title) {
        return Optional.empty();
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
    }

    @Override
    public Optional<String> askText(String title, String prompt) {
        asked.add(title + ": " + prompt);
        return Optional.ofNullable(answer);
    }
}
