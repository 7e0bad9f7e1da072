package com.bellwether.ui.help;

import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.domain.Plurals;

/**
 * The help, in a window of its own beside the workbench so that it can stay open while one works: the glossary
 * (searchable), the keyboard shortcuts, and about the program (version, licences, credits).
 */
public final class HelpWindow {

    /** The help window's pages. */
    public enum Page { GLOSSARY, SHORTCUTS, ABOUT }

    static final String ROOT = "bw-help";
    static final String TERM_TITLE = "bw-help-term";
    static final String TERM_TOPIC = "bw-help-topic";
    static final String MUTED = "bw-help-muted";
    static final String HEADING = "bw-help-heading";
    static final String KEYS = "bw-help-keys";

    /** The version when the program runs from its classes rather than its jar. */
    private static final String DEVELOPMENT_VERSION = "0.1.0";

    /** The libraries the program ships with, and their licences. */
    static final List<String[]> LICENCES = List.of(
            new String[] {"OpenJFX (JavaFX)", "GPL 2.0 with the Classpath Exception"},
            new String[] {"AtlantaFX", "MIT"},
            new String[] {"ControlsFX", "BSD 3-Clause"},
            new String[] {"Ikonli", "Apache 2.0"},
            new String[] {"Feather icons", "MIT"},
            new String[] {"Jackson", "Apache 2.0"},
            new String[] {"FastCSV", "MIT"},
            new String[] {"H2 Database Engine", "MPL 2.0 or EPL 1.0"},
            new String[] {"Flyway", "Apache 2.0"},
            new String[] {"PostgreSQL JDBC Driver", "BSD 2-Clause"},
            new String[] {"HikariCP", "Apache 2.0"},
            new String[] {"picocli", "Apache 2.0"},
            new String[] {"SLF4J", "MIT"},
            new String[] {"Logback", "EPL 1.0 or LGPL 2.1"});

    static final String RAVENSTACK_CREDIT = "The RavenStack dataset, which the tests and the shipped RavenStack mapping"
            + " profile use, is synthetic SaaS subscription and churn data by River @ Rivalytics, published on Kaggle as"
            + " \"SaaS subscription and churn analytics dataset\", under a permissive, MIT-like licence for educational"
            + " and portfolio use that requires this credit.";

    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();
    private final TextField search = new TextField();
    private final FilteredList<Term> shown = new FilteredList<>(FXCollections.observableArrayList(Term.byTopic()));
    private final ListView<Term> terms = new ListView<>(shown);

    public HelpWindow(Window owner, String stylesheet) {
        stage.initOwner(owner);
        stage.setTitle("Bellwether Help");
        Tab glossary = new Tab("Glossary", glossary());
        glossary.setId("help-tab-glossary");
        Tab shortcuts = new Tab("Keyboard shortcuts", shortcuts());
        shortcuts.setId("help-tab-shortcuts");
        Tab about = new Tab("About", about());
        about.setId("help-tab-about");
        tabs.getTabs().setAll(glossary, shortcuts, about);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("help-tabs");
        tabs.getStyleClass().add(ROOT);
        Scene scene = new Scene(tabs, 680, 560);
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.hide();
            }
        });
        stage.setScene(scene);
    }

    /** Shows the window at a page, in front. */
    public void show(Page page) {
        tabs.getSelectionModel().select(page.ordinal());
        stage.show();
        stage.toFront();
        if (page == Page.GLOSSARY) {
            search.requestFocus();
        }
    }

    /** Shows the glossary at one term. */
    public void showTerm(Term term) {
        search.clear();
        show(Page.GLOSSARY);
        terms.getSelectionModel().select(term);
        terms.scrollTo(term);
        terms.requestFocus();
    }

    public Stage stage() {
        return stage;
    }

    /** The program's version: the jar's, or the development version when run from classes. */
    public static String version() {
        String version = HelpWindow.class.getPackage().getImplementationVersion();
        return version == null ? DEVELOPMENT_VERSION : version;
    }

    private VBox glossary() {
        search.setId("help-search");
        search.setPromptText("Search the glossary (a word of the term or of its meaning)");
        Label count = new Label();
        count.setId("help-count");
        count.getStyleClass().add(MUTED);
        count.setMinWidth(80);
        count.setAlignment(Pos.CENTER_RIGHT);
        search.textProperty().addListener((o, old, text) -> shown.setPredicate(term -> term.matches(text)));
        shown.predicateProperty().addListener((o, old, p) -> count.setText(Plurals.count(shown.size(), "term")));
        count.setText(Plurals.count(shown.size(), "term"));
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox top = new HBox(8, new FontIcon(Feather.SEARCH), search, count);
        top.setAlignment(Pos.CENTER_LEFT);
        terms.setId("help-terms");
        terms.setPlaceholder(new Label("No term matches; try a shorter word."));
        terms.setCellFactory(list -> new TermCell(list));
        VBox.setVgrow(terms, Priority.ALWAYS);
        VBox page = new VBox(8, top, terms);
        page.setPadding(new Insets(12));
        return page;
    }

    private ScrollPane shortcuts() {
        GridPane grid = new GridPane();
        grid.setId("help-shortcuts");
        grid.setHgap(24);
        grid.setVgap(8);
        int row = 0;
        for (Shortcuts.Shortcut shortcut : Shortcuts.ALL) {
            Label keys = new Label(shortcut.keys());
            keys.getStyleClass().add(KEYS);
            Label action = new Label(shortcut.action());
            action.setWrapText(true);
            grid.addRow(row++, keys, action);
        }
        Label mac = new Label("On macOS, Ctrl is ⌘.");
        mac.getStyleClass().add(MUTED);
        VBox page = new VBox(12, grid, mac);
        page.setPadding(new Insets(16));
        return scrolling(page);
    }

    private ScrollPane about() {
        Label name = new Label("Bellwether " + version());
        name.setId("help-about-version");
        name.getStyleClass().add(HEADING);
        Label what = wrapped("Build, tune and prove a customer health score that leads to action.");
        Label runtime = wrapped("JavaFX " + System.getProperty("javafx.runtime.version", "21") + " on Java "
                + System.getProperty("java.version") + ".");
        runtime.getStyleClass().add(MUTED);
        Label creditsTitle = new Label("Credits");
        creditsTitle.getStyleClass().add(HEADING);
        Label ravenStack = wrapped(RAVENSTACK_CREDIT);
        ravenStack.setId("help-about-credits");
        Label sample = wrapped("The sample portfolio a first start loads is synthetic, made by Bellwether's own generator.");
        Label licencesTitle = new Label("Libraries and their licences");
        licencesTitle.getStyleClass().add(HEADING);
        GridPane licences = new GridPane();
        licences.setId("help-about-licences");
        licences.setHgap(24);
        licences.setVgap(4);
        int row = 0;
        for (String[] licence : LICENCES) {
            Label licenceName = new Label(licence[1]);
            licenceName.getStyleClass().add(MUTED);
            licences.addRow(row++, new Label(licence[0]), licenceName);
        }
        VBox page = new VBox(10, name, what, runtime, creditsTitle, ravenStack, sample, licencesTitle, licences);
        page.setPadding(new Insets(16));
        return scrolling(page);
    }

    /** Everything the About page says, as text: for the tests and for a screen reader's summary. */
    public static String aboutText() {
        StringBuilder text = new StringBuilder("Bellwether " + version() + "\n" + RAVENSTACK_CREDIT + "\n");
        for (String[] licence : LICENCES) {
            text.append(licence[0]).append(": ").append(licence[1]).append('\n');
        }
        return text.toString();
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private static ScrollPane scrolling(VBox page) {
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** A term in bold with its topic, and its meaning wrapped to the list's width. */
    private static final class TermCell extends ListCell<Term> {
        private final Label title = new Label();
        private final Label topic = new Label();
        private final Label definition = new Label();
        private final VBox box;

        TermCell(ListView<Term> list) {
            title.getStyleClass().add(TERM_TITLE);
            topic.getStyleClass().addAll(TERM_TOPIC, MUTED);
            definition.setWrapText(true);
            // A width to wrap at, so that the cell is as tall as the whole meaning.
            definition.prefWidthProperty().bind(list.widthProperty().subtract(40));
            definition.maxWidthProperty().bind(definition.prefWidthProperty());
            definition.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox heading = new HBox(10, title, topic);
            heading.setAlignment(Pos.BASELINE_LEFT);
            box = new VBox(2, heading, definition);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Term term, boolean empty) {
            super.updateItem(term, empty);
            setText(null);
            if (empty || term == null) {
                setGraphic(null);
                return;
            }
            title.setText(term.label());
            topic.setText(term.topic().title());
            definition.setText(term.definition());
            setGraphic(box);
        }
    }
}
