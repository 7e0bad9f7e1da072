package com.bellwether.ui;

import javafx.scene.paint.Color;

import com.bellwether.scoring.Band;

/** The one definition of band colours, for tables, charts and tiles alike. */
public final class BandPalette {

    public static final Color RED = Color.web("#cf222e");
    public static final Color YELLOW = Color.web("#bf8700");
    public static final Color GREEN = Color.web("#1a7f37");
    public static final Color NONE = Color.web("#6e7781");

    private BandPalette() {
    }

    public static Color of(Band band) {
        if (band == null) {
            return NONE;
        }
        return switch (band) {
            case RED -> RED;
            case YELLOW -> YELLOW;
            case GREEN -> GREEN;
        };
    }
}
