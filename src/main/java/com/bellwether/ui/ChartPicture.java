package com.bellwether.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.transform.Transform;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A chart as a picture people can paste into a slide or a document: laid out at {@value #WIDTH}×{@value #HEIGHT}
 * and drawn at twice that (1600×1000 pixels), with a title and a caption naming the model and the dates. The chart
 * is lent to the picture for the moment it is drawn and put back where it was before the screen is next painted.
 */
public final class ChartPicture {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    public static final int SCALE = 2;

    static final String PICTURE = "bw-chart-picture";
    static final String PICTURE_TITLE = "bw-chart-picture-title";
    static final String PICTURE_CAPTION = "bw-chart-picture-caption";

    private ChartPicture() {
    }

    /** Draws the chart with its title and caption; on the FX thread. */
    public static WritableImage render(Region chart, String title, String caption) {
        Parent home = chart.getParent();
        int index = home instanceof Pane pane ? pane.getChildren().indexOf(chart) : -1;
        if (home != null && index < 0) {
            throw new IllegalArgumentException("the chart is not a child of a pane");
        }
        // Stylesheets and looked-up colours (band colours, the theme's variables) come from the chart's screen.
        List<String> stylesheets = new ArrayList<>();
        StringBuilder styles = new StringBuilder();
        if (chart.getScene() != null) {
            stylesheets.addAll(chart.getScene().getStylesheets());
        }
        List<Parent> ancestors = new ArrayList<>();
        for (Parent p = home; p != null; p = p.getParent()) {
            ancestors.add(0, p);
        }
        for (Parent p : ancestors) {
            stylesheets.addAll(p.getStylesheets());
            if (p.getStyle() != null && !p.getStyle().isBlank()) {
                styles.append(p.getStyle()).append(' ');
            }
        }
        if (home != null) {
            ((Pane) home).getChildren().remove(index);
        }
        // The picture's title says more than a chart's own; one title is enough.
        String ownTitle = chart instanceof javafx.scene.chart.Chart c ? c.getTitle() : null;
        try {
            if (ownTitle != null) {
                ((javafx.scene.chart.Chart) chart).setTitle(null);
            }
            Label heading = new Label(title);
            heading.getStyleClass().add(PICTURE_TITLE);
            Label note = new Label(caption);
            note.getStyleClass().add(PICTURE_CAPTION);
            note.setWrapText(true);
            BorderPane picture = new BorderPane(chart);
            picture.setTop(new VBox(4, heading, note));
            BorderPane.setMargin(chart, new Insets(12, 0, 0, 0));
            picture.setPadding(new Insets(20, 24, 16, 16));
            picture.getStyleClass().add(PICTURE);
            picture.setStyle(styles.toString().trim());
            picture.getStylesheets().setAll(stylesheets);
            picture.setPrefSize(WIDTH, HEIGHT);
            picture.setMinSize(WIDTH, HEIGHT);
            picture.setMaxSize(WIDTH, HEIGHT);
            Scene scene = new Scene(picture, WIDTH, HEIGHT);
            picture.applyCss();
            picture.layout();
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setTransform(Transform.scale(SCALE, SCALE));
            WritableImage image = new WritableImage(WIDTH * SCALE, HEIGHT * SCALE);
            picture.snapshot(parameters, image);
            picture.setCenter(null);
            scene.setRoot(new Region());
            return image;
        } finally {
            if (ownTitle != null) {
                ((javafx.scene.chart.Chart) chart).setTitle(ownTitle);
            }
            BorderPane.setMargin(chart, null);
            if (home != null) {
                ((Pane) home).getChildren().add(index, chart);
            }
        }
    }

    /** Puts the picture on the system clipboard, for pasting into a slide, a document or a chat. */
    public static void copy(Image image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(image);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Writes the picture as PNG; off the FX thread. */
    public static void writePng(Image image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer is available");
        }
    }

    /**
     * Writes the picture as PNG on the background executor, then says on the FX one where it went
     * ({@code wrote}: "Wrote FILE.") or why it could not ({@code failed}).
     */
    public static void writePng(Image image, Path file, java.util.concurrent.Executor fx,
                                java.util.concurrent.Executor background, Consumer<String> wrote, Consumer<String> failed) {
        new com.bellwether.app.BackgroundJob<Path>(fx)
                .onSucceeded(written -> wrote.accept("Wrote " + written + "."))
                .onFailed(e -> failed.accept("The picture could not be written: " + e.getMessage()))
                .start(background, job -> {
                    writePng(image, file);
                    return file;
                });
    }

    /** Asks where to save a chart's picture, suggesting the name, and hands the picture and the file to {@code write}. */
    public static Consumer<Image> saveAs(Dialogs dialogs, String suggested, java.util.function.BiConsumer<Image, Path> write) {
        return image -> dialogs.chooseSaveFile("Save the chart as PNG", suggested).ifPresent(file -> write.accept(image, file));
    }

    /**
     * A right-click menu on the chart: copy it to the clipboard, and save it as PNG (the chosen file handed to
     * {@code save} with the picture, to be written off the FX thread).
     */
    public static ContextMenu install(Region chart, Supplier<String> title, Supplier<String> caption,
                                      Consumer<Image> save) {
        MenuItem copy = new MenuItem("Copy chart", new FontIcon(Feather.COPY));
        copy.setOnAction(e -> copy(render(chart, title.get(), caption.get())));
        MenuItem png = new MenuItem("Save chart as PNG…", new FontIcon(Feather.IMAGE));
        png.setOnAction(e -> save.accept(render(chart, title.get(), caption.get())));
        ContextMenu menu = new ContextMenu(copy, png);
        chart.setOnContextMenuRequested(e -> menu.show(chart, e.getScreenX(), e.getScreenY()));
        return menu;
    }
}
