package com.bellwether.ui.portfolio;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One figure of the portfolio at a glance: a title, the figure as text (so money is written by
 * {@link com.bellwether.domain.Money} like everywhere else) and a line under it. Sized by its text, so a row of them
 * wraps on a narrow window instead of taking the table's height.
 */
public final class FigureTile extends VBox {

    static final String TILE = "bw-figure";
    static final String TITLE = "bw-figure-title";
    static final String VALUE = "bw-figure-value";
    static final String DESCRIPTION = "bw-figure-description";

    private final Label value = new Label("–");
    private final Label description = new Label();

    FigureTile(String id, String title, Color accent) {
        super(2);
        setId(id);
        getStyleClass().add(TILE);
        Label heading = new Label(title);
        heading.getStyleClass().add(TITLE);
        heading.setWrapText(true);
        description.setWrapText(true);
        setMinWidth(0);
        value.getStyleClass().add(VALUE);
        value.setTextFill(accent);
        value.setId(id + "-value");
        description.getStyleClass().add(DESCRIPTION);
        description.setId(id + "-description");
        getChildren().addAll(heading, value, description);
    }

    void setValue(String text) {
        value.setText(text);
    }

    void setDescription(String text) {
        description.setText(text);
    }

    public String value() {
        return value.getText();
    }

    public String description() {
        return description.getText();
    }
}
