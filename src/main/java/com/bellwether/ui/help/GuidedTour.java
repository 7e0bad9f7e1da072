package com.bellwether.ui.help;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import atlantafx.base.controls.Popover;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A short tour of the screens: one step each, shown beside the screen's button in the navigation rail while the
 * screen itself shows. It can be skipped at any step, and taken again from the Help menu. It never holds up the
 * window: it is a popover, not a dialog.
 */
public final class GuidedTour {

    /** One stop: the rail button (or the help menu) it points at, the screen shown, and what it says. */
    public record Step(String anchorId, String screenId, String title, String text) {
    }

    static final String TOUR = "bw-tour";
    static final String TOUR_TEXT = "bw-tour-text";
    static final String TOUR_COUNT = "bw-help-muted";
    private static final double TEXT_WIDTH = 330;

    public static final List<Step> STEPS = List.of(
            new Step("nav-portfolio", "nav-portfolio", "Welcome: the portfolio",
                    "The portfolio at a glance: accounts and ARR per band, who improved or declined in 30 days, and every"
                            + " live account with its score, top reason and next action. Double-click an account to"
                            + " open it."),
            new Step("nav-account", "nav-account", "An account",
                    "Why the account scores as it does, what changed and what to do next. A CSM adjustment, with its"
                            + " reason and expiry, is entered here and shown apart from the computed score."),
            new Step("nav-tuning", "nav-tuning", "Tuning",
                    "Move the category weights and band cut-offs and see, before anything is saved, which accounts would"
                            + " change band and how the backtest moves. Saving keeps a new model version."),
            new Step("nav-backtest", "nav-backtest", "Backtest",
                    "Had this model been running, would it have warned you about the customers who churned, and how often"
                            + " would it have cried wolf? Rest the pointer on any figure for what it means."),
            new Step("nav-alerts", "nav-alerts", "Alerts",
                    "Changes worth acting on (a band worsened, a score dropped), each with an owner and a recommended"
                            + " action. Export them as CRM tasks or send them to a webhook."),
            new Step("nav-data", "nav-data", "Data",
                    "What the database holds and how fresh it is. Import brings in your own files; sources keep data"
                            + " arriving by itself."),
            new Step("help-menu", "nav-portfolio", "Help is here",
                    "Rest the pointer on a figure for its meaning, or press F1 for the glossary. The keyboard shortcuts,"
                            + " and this tour again, are in the Help menu."));

    private final Function<String, Node> anchors;
    private final Consumer<String> showScreen;
    private final Popover popover = new Popover();
    private final Label text = new Label();
    private final Label count = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(-1);

    /**
     * @param anchors    the node of the window with an id (a rail button, the help menu), or null when absent
     * @param showScreen shows the screen whose rail button has the id
     */
    public GuidedTour(Function<String, Node> anchors, Consumer<String> showScreen) {
        this.anchors = anchors;
        this.showScreen = showScreen;
        text.setId("tour-text");
        text.setWrapText(true);
        text.setPrefWidth(TEXT_WIDTH);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add(TOUR_TEXT);
        count.setId("tour-count");
        count.getStyleClass().add(TOUR_COUNT);
        Button skip = new Button("Skip tour");
        skip.setId("tour-skip");
        skip.setOnAction(e -> end());
        back.setId("tour-back");
        back.setOnAction(e -> go(step.get() - 1));
        next.setId("tour-next");
        next.setDefaultButton(true);
        next.setOnAction(e -> {
            if (step.get() + 1 < STEPS.size()) {
                go(step.get() + 1);
            } else {
                end();
            }
        });
        Region push = new Region();
        HBox.setHgrow(push, Priority.ALWAYS);
        HBox buttons = new HBox(8, count, push, skip, back, next);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(12, text, buttons);
        content.setId("tour");
        content.getStyleClass().add(TOUR);
        popover.setContentNode(content);
        popover.setHeaderAlwaysVisible(true);
        popover.setDetachable(false);
        // It stays up while one looks at the screen behind it; Skip or Done closes it.
        popover.setAutoHide(false);
        popover.setArrowLocation(Popover.ArrowLocation.LEFT_TOP);
        // Skip, Done or its close button ends it; Escape does not.
        popover.setHideOnEscape(false);
        // Its close button ends it too; a popover hidden to move on is showing again by then.
        popover.setOnHidden(e -> javafx.application.Platform.runLater(() -> {
            if (!popover.isShowing()) {
                step.set(-1);
            }
        }));
    }

    /** Starts at the first step. */
    public void start() {
        go(0);
    }

    /** The step shown, from 0; -1 when the tour is not showing. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public boolean isShowing() {
        return popover.isShowing();
    }

    /** Ends the tour wherever it is, back on the portfolio. */
    public void end() {
        popover.hide(javafx.util.Duration.ZERO);
        step.set(-1);
        showScreen.accept("nav-portfolio");
    }

    private void go(int index) {
        Step at = STEPS.get(index);
        showScreen.accept(at.screenId());
        Node anchor = anchors.apply(at.anchorId());
        if (anchor == null || anchor.getScene() == null || anchor.getScene().getWindow() == null
                || !anchor.getScene().getWindow().isShowing()) {
            return;
        }
        step.set(index);
        popover.setTitle(at.title());
        text.setText(at.text());
        count.setText((index + 1) + " of " + STEPS.size());
        back.setDisable(index == 0);
        next.setText(index + 1 == STEPS.size() ? "Done" : "Next");
        // The last step points at the help menu at the rail's foot: the popover grows upwards from there.
        popover.setArrowLocation(at.anchorId().startsWith("nav-") ? Popover.ArrowLocation.LEFT_TOP
                : Popover.ArrowLocation.LEFT_BOTTOM);
        if (popover.isShowing()) {
            popover.hide(javafx.util.Duration.ZERO);
        }
        popover.show(anchor);
        next.requestFocus();
    }
}
