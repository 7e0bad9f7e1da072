package com.bellwether.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tooltip;

/**
 * An export button: the first format at a click, every format in its menu. The file is chosen in a save dialog that
 * suggests the format's name; a name typed with none of the formats' extensions gets the one of the format picked.
 */
public final class ExportMenu {

    /** A format on offer: its menu item's words and the file name suggested, whose extension names the format. */
    public record Format(String label, String suggested) {

        String extension() {
            return suggested.substring(suggested.lastIndexOf('.'));
        }
    }

    private ExportMenu() {
    }

    /**
     * The button, with the id given and each item's id that id and the format's extension ({@code portfolio-export-xlsx}).
     * The chosen file goes to {@code export}.
     */
    public static SplitMenuButton of(String text, String id, String tooltip, Dialogs dialogs, String dialogTitle,
                                     Consumer<Path> export, Format... formats) {
        List<Format> offered = List.of(formats);
        SplitMenuButton button = new SplitMenuButton();
        for (Format format : offered) {
            MenuItem item = new MenuItem(format.label());
            item.setId(id + "-" + format.extension().substring(1));
            item.setOnAction(e -> choose(dialogs, dialogTitle, format, offered, export));
            button.getItems().add(item);
        }
        button.setText(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> choose(dialogs, dialogTitle, offered.get(0), offered, export));
        return button;
    }

    private static void choose(Dialogs dialogs, String title, Format format, List<Format> offered, Consumer<Path> export) {
        dialogs.chooseSaveFile(title, format.suggested()).map(file -> withExtension(file, format, offered)).ifPresent(export);
    }

    /** The file as chosen, or with the picked format's extension when its name has none of the formats'. */
    static Path withExtension(Path file, Format picked, List<Format> offered) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return offered.stream().anyMatch(f -> name.endsWith(f.extension())) ? file
                : file.resolveSibling(file.getFileName() + picked.extension());
    }
}
