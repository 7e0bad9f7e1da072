package com.bellwether.ui;

import java.util.prefs.Preferences;

/** What the workbench remembers between runs: the theme and the window's place and size. */
public interface WorkbenchSettings {

    boolean darkTheme();

    void darkTheme(boolean dark);

    /** x, y, width, height; null until the window has been closed once. */
    double[] windowBounds();

    void windowBounds(double x, double y, double width, double height);

    /** Kept in the user's preferences. */
    static WorkbenchSettings userPreferences() {
        Preferences node = Preferences.userNodeForPackage(WorkbenchSettings.class);
        return new WorkbenchSettings() {
            @Override
            public boolean darkTheme() {
                return node.getBoolean("darkTheme", false);
            }

            @Override
            public void darkTheme(boolean dark) {
                node.putBoolean("darkTheme", dark);
            }

            @Override
            public double[] windowBounds() {
                double width = node.getDouble("windowWidth", -1);
                if (width <= 0) {
                    return null;
                }
                return new double[] {node.getDouble("windowX", 0), node.getDouble("windowY", 0), width,
                        node.getDouble("windowHeight", 800)};
            }

            @Override
            public void windowBounds(double x, double y, double width, double height) {
                node.putDouble("windowX", x);
                node.putDouble("windowY", y);
                node.putDouble("windowWidth", width);
                node.putDouble("windowHeight", height);
            }
        };
    }

    /** Forgotten when the program ends: for tests. */
    static WorkbenchSettings inMemory() {
        return new WorkbenchSettings() {
            private boolean dark;
            private double[] bounds;

            @Override
            public boolean darkTheme() {
                return dark;
            }

            @Override
            public void darkTheme(boolean value) {
                dark = value;
            }

            @Override
            public double[] windowBounds() {
                return bounds;
            }

            @Override
            public void windowBounds(double x, double y, double width, double height) {
                bounds = new double[] {x, y, width, height};
            }
        };
    }
}
