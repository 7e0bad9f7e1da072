package com.bellwether.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Dialogs shown over the workbench window. */
public final class FxDialogs implements Dialogs {

    private final Window owner;

    public FxDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File folder = chooser.showDialog(owner);
        return Optional.ofNullable(folder).map(File::toPath);
    }

    @Override
    public List<Path> chooseFiles(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Bundle files (*.csv, *.json)", "*.csv", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseMapping(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Mapping profile (*.json)", "*.json"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = alert(Alert.AlertType.INFORMATION, title);
        alert.setContentText(message);
        alert.show();
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, title);
        TextArea text = new TextArea(message);
        text.setEditable(false);
        text.setWrapText(true);
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title);
        alert.setContentText(message);
        return alert.showAndWait().filter(answer -> answer == javafx.scene.control.ButtonType.OK).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String prompt) {
        return textDialog(owner, title, prompt).showAndWait();
    }

    /**
     * The question above a wide text box: a long prompt beside the box (the dialog's own layout) squeezes the box to a
     * few pixels.
     */
    static TextInputDialog textDialog(Window owner, String title, String prompt) {
        TextInputDialog dialog = new TextInputDialog();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        javafx.scene.control.Label question = new javafx.scene.control.Label(prompt);
        question.setWrapText(true);
        javafx.scene.control.TextField editor = dialog.getEditor();
        editor.setPrefColumnCount(40);
        editor.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(8, question, editor);
        content.setPrefWidth(480);
        content.setMinWidth(360);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setMinWidth(420);
        javafx.application.Platform.runLater(editor::requestFocus);
        return dialog;
    }

    private Alert alert(Alert.AlertType type, String title) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert;
    }
}
