package com.bellwether.ui.help;

import java.util.List;

/** The workbench's keyboard shortcuts, as the help window and docs/help.md list them. */
public final class Shortcuts {

    /** Keys as written on Linux and Windows; on macOS Ctrl is ⌘. */
    public record Shortcut(String keys, String action) {
    }

    public static final List<Shortcut> ALL = List.of(
            new Shortcut("F1", "Help: the glossary, open at the term under the pointer"),
            new Shortcut("Ctrl+1", "Portfolio"),
            new Shortcut("Ctrl+2", "Tuning"),
            new Shortcut("Ctrl+3", "Backtest"),
            new Shortcut("Ctrl+4", "Account"),
            new Shortcut("Ctrl+5", "Alerts"),
            new Shortcut("Ctrl+6", "Import"),
            new Shortcut("Ctrl+7", "Data"),
            new Shortcut("Ctrl+S", "Tuning: save the draft as a new version"),
            new Shortcut("Ctrl+Z", "Tuning: undo the last edit"),
            new Shortcut("Ctrl+Y or Ctrl+Shift+Z", "Tuning: redo"),
            new Shortcut("Esc", "Close the help window or a dialog"));

    private Shortcuts() {
    }

    /** The shortcuts as a Markdown table. */
    public static String markdownTable() {
        StringBuilder text = new StringBuilder("| keys | what they do |\n|---|---|\n");
        for (Shortcut shortcut : ALL) {
            text.append("| ").append(shortcut.keys()).append(" | ").append(shortcut.action()).append(" |\n");
        }
        return text.toString();
    }
}
