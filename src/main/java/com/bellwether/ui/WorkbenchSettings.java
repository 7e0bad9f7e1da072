package com.bellwether.ui;

import java.util.prefs.Preferences;

/**
 * What the workbench remembers between runs: the theme, the window's place and size, whether the guided tour was
 * offered, and per database the newest alert that has been on screen.
 */
public interface WorkbenchSettings {

    boolean darkTheme();

    void darkTheme(boolean dark);

    /** Whether the guided tour has been offered: it is, on the first start only. */
    boolean tourSeen();

    void tourSeen(boolean seen);

    /** x, y, width, height; null until the window has been closed once. */
    double[] windowBounds();

    void windowBounds(double x, double y, double width, double height);

    /** The highest alert id seen on the alerts screen for a database, -1 for none. */
    long alertsSeenUpTo(String database);

    void alertsSeenUpTo(String database, long id);

    /** A preferences key for a database: keys are limited in length, paths are not. */
    private static String alertsKey(String database) {
        return "alertsSeenUpTo." + Integer.toHexString(database.hashCode());
    }

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
            public boolean tourSeen() {
                return node.getBoolean("tourSeen", false);
            }

            @Override
            public void tourSeen(boolean seen) {
                node.putBoolean("tourSeen", seen);
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
            public long alertsSeenUpTo(String database) {
                return node.getLong(alertsKey(database), -1);
            }

            @Override
            public void alertsSeenUpTo(String database, long id) {
                node.putLong(alertsKey(database), id);
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
            private boolean tourSeen;
            private double[] bounds;
            private final java.util.Map<String, Long> seen = new java.util.HashMap<>();

            @Override
            public long alertsSeenUpTo(String database) {
                return seen.getOrDefault(database, -1L);
            }

            @Override
            public void alertsSeenUpTo(String database, long id) {
                seen.put(database, id);
            }

            @Override
            public boolean darkTheme() {
                return dark;
            }

            @Override
            public boolean tourSeen() {
                return tourSeen;
            }

            @Override
            public void tourSeen(boolean seen) {
                tourSeen = seen;
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
