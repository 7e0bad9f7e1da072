package com.bellwether.ui.effects;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.backtest.EffectEstimate;
import com.bellwether.backtest.EffectsReport;

/**
 * The Effects screen: per playbook and alert rule, triggers, how many were acted on, churn acted on against not, the
 * stratified difference with its 95% interval ("too few to tell" where it is), and the words that it is an
 * association. Empty until run; the run shows its progress and can be cancelled.
 */
public final class EffectsView {

    static final String CARD_TITLE = "bw-card-title";
    static final String SCREEN_TITLE = "bw-screen-title";
    static final String SUBTITLE = "bw-subtitle";
    static final String ACCENT = "accent";
    static final String HINT = "bw-hint";
    static final String NUMERIC = "bw-numeric";
    static final String EMPTY_TITLE = "bw-empty-title";

    private final EffectsViewModel viewModel;
    private final VBox root;

    public EffectsView(EffectsViewModel viewModel) {
        this.viewModel = viewModel;
        Label title = new Label("Effects");
        title.getStyleClass().add(SCREEN_TITLE);
        Label subtitle = new Label("Did the action help?");
        subtitle.getStyleClass().add(SUBTITLE);
        Label caution = new Label(EffectsReport.CAUTION + " A trigger is a rule that newly holds for an account at a"
                + " monthly cut-off; it is acted on when a task is done within " + 30 + " days; churn and expansion are"
                + " looked for in the 90 days after. The difference compares acted-on accounts with accounts of the"
                + " same band, segment and stage that were not acted on (see docs/backtest.md).");
        caution.setId("effects-caution");
        caution.getStyleClass().add(HINT);
        caution.setWrapText(true);

        Button run = button("Run", Feather.PLAY, "effects-run");
        run.getStyleClass().add(ACCENT);
        run.disableProperty().bind(viewModel.canRunProperty().not());
        run.setOnAction(e -> viewModel.run());
        Button cancel = button("Cancel", Feather.X, "effects-cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("effects-progress");
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("effects-status");
        status.getStyleClass().add(HINT);
        status.textProperty().bind(viewModel.statusProperty());
        HBox bar = new HBox(10, run, cancel, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<EffectsViewModel.Row> table = table();
        StackPane body = new StackPane(table, emptyState());
        VBox.setVgrow(body, Priority.ALWAYS);
        Label finding = new Label();
        finding.setId("effects-finding");
        finding.setWrapText(true);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) ->
                finding.setText(row == null ? "" : row.rule() + ": " + row.finding()));

        root = new VBox(10, new VBox(2, title, subtitle), caution, bar, body, finding);
        root.setPadding(new Insets(16));
    }

    public Parent root() {
        return root;
    }

    private TableView<EffectsViewModel.Row> table() {
        TableView<EffectsViewModel.Row> table = new TableView<>(viewModel.rows());
        table.setId("effects-table");
        table.getColumns().setAll(List.of(
                column("Rule", 200, EffectsViewModel.Row::rule, false),
                column("Kind", 85, EffectsViewModel.Row::kind, false),
                column("Triggered", 95, r -> Long.toString(r.triggered()), true),
                column("Acted on", 90, r -> Long.toString(r.actedOn()), true),
                column("Churn: acted", 120, EffectsViewModel.Row::actedChurn, true),
                column("Churn: not", 100, EffectsViewModel.Row::otherChurn, true),
                column("Difference", 120, EffectsViewModel.Row::difference, true),
                column("95% interval", 135, EffectsViewModel.Row::interval, true),
                column("Expansion diff.", 130, EffectsViewModel.Row::expansionDifference, true)));
        table.getColumns().get(6).setId("effects-difference");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.visibleProperty().bind(viewModel.reportProperty().isNotNull());
        Tooltip.install(table, new Tooltip("Points of churn rate, acted on less comparable not acted on, weighted by"
                + " the acted-on count of each band, segment and stage. Too few to tell: fewer than "
                + EffectEstimate.TOO_FEW_GROUP + " in either group or fewer than " + EffectEstimate.TOO_FEW_EVENTS
                + " churns."));
        return table;
    }

    private static TableColumn<EffectsViewModel.Row, String> column(String title, double width,
                                                                   Function<EffectsViewModel.Row, String> value,
                                                                   boolean numeric) {
        TableColumn<EffectsViewModel.Row, String> column = new TableColumn<>(title);
        // Never narrower than its header and figures: a small window scrolls the table sideways instead.
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        if (numeric) {
            column.getStyleClass().add(NUMERIC);
        }
        return column;
    }

    private Parent emptyState() {
        Label title = new Label("No effects worked out yet");
        title.getStyleClass().add(EMPTY_TITLE);
        Label text = new Label("Run looks at every monthly cut-off of the history: which rules newly held for which"
                + " accounts, whether a task was done on them, and what happened in the 90 days after. Tasks come"
                + " from the alerts done here and from tasks.csv imported from a CRM.");
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add(HINT);
        Button run = button("Run", Feather.PLAY, "effects-run-empty");
        run.disableProperty().bind(viewModel.canRunProperty().not());
        run.setOnAction(e -> viewModel.run());
        VBox empty = new VBox(10, title, text, run);
        empty.setId("effects-empty");
        empty.setAlignment(Pos.CENTER);
        empty.visibleProperty().bind(viewModel.reportProperty().isNull());
        return empty;
    }

    private static Button button(String text, Feather icon, String id) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        return button;
    }
}
