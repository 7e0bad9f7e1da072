package com.bellwether.ui.alerts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertStatus;
import com.bellwether.alerts.DeliveryAttempt;
import com.bellwether.alerts.Severity;
import com.bellwether.ui.help.HelpTips;
import com.bellwether.ui.help.Term;
import com.bellwether.ui.Dialogs;

/**
 * The alerts: a filterable table of what the rules raised, the selected alert's explanation and recommended action
 * with what can be done about it, the CRM export, and the webhook with its delivery log.
 */
public final class AlertsView {

    static final String CARD = "bw-card";
    static final String CARD_TITLE = "bw-card-title";
    static final String HINT = "bw-hint";
    static final String NUMERIC = "bw-numeric";
    static final String SCREEN_TITLE = "bw-screen-title";
    static final String SEVERITY = "bw-severity";
    static final String STATUS = "bw-alert-status";
    static final String DETAIL = "bw-alert-detail";
    static final String DETAIL_HEADLINE = "bw-alert-headline";
    static final String DETAIL_LABEL = "bw-alert-label";
    static final String ACTION = "bw-alert-action";
    static final String WEBHOOK_RESULT = "bw-webhook-result";
    static final String PROBLEM = "bw-problem";
    static final String GOOD = "bw-good";
    static final String FILTERS = "bw-alert-filters";
    static final String ERROR = "bw-error";
    static final String EMPTY_STATE = "bw-empty-state";
    static final String EMPTY_TITLE = "bw-empty-title";

    private static final DateTimeFormatter ATTEMPT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final AlertsViewModel viewModel;
    private final Dialogs dialogs;
    private final VBox root = new VBox(10);
    private final TableView<Alert> table = new TableView<>();

    public AlertsView(AlertsViewModel viewModel, Dialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        root.getStylesheets().add(AlertsView.class.getResource("alerts.css").toExternalForm());
        root.setPadding(new Insets(16));

        SplitPane alerts = new SplitPane(alertsPane(), detailPane());
        alerts.setOrientation(Orientation.VERTICAL);
        alerts.setDividerPositions(0.6);
        VBox.setVgrow(alerts, Priority.ALWAYS);
        VBox alertsTab = new VBox(8, filters(), alerts);
        alertsTab.setPadding(new Insets(8, 0, 0, 0));
        Tab list = new Tab("Alerts", alertsTab);
        list.setGraphic(new FontIcon(Feather.BELL));
        Tab webhook = new Tab("Webhook", webhookPane());
        webhook.setGraphic(new FontIcon(Feather.SEND));
        webhook.setId("alerts-webhook-tab");
        HelpTips.install(list, Term.ALERT);
        HelpTips.install(webhook, Term.WEBHOOK);
        TabPane tabs = new TabPane(list, webhook);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().addAll(header(), tabs);

        // Alerts listed while the screen shows count as seen.
        root.sceneProperty().addListener((o, old, scene) -> viewModel.setOnScreen(scene != null));
    }

    public Parent root() {
        return root;
    }

    private Parent header() {
        Label title = new Label("Alerts");
        title.getStyleClass().add(SCREEN_TITLE);
        Label summary = new Label();
        summary.getStyleClass().add(HINT);
        summary.setMinWidth(Region.USE_PREF_SIZE);
        summary.textProperty().bind(Bindings.createStringBinding(() -> viewModel.asOfProperty().get() == null
                ? "Nothing loaded yet"
                : "As of " + viewModel.asOfProperty().get() + " · " + viewModel.openCountProperty().get() + " open",
                viewModel.asOfProperty(), viewModel.openCountProperty()));
        Label status = new Label();
        status.setId("alerts-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setWrapText(true);
        status.setMinWidth(0);
        viewModel.failedProperty().addListener((o, was, failed) -> {
            status.getStyleClass().remove(ERROR);
            if (failed) {
                status.getStyleClass().add(ERROR);
            }
        });
        ProgressBar progress = new ProgressBar(-1);
        progress.setPrefWidth(120);
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(viewModel.busyProperty());

        Button evaluate = button("Evaluate now", Feather.PLAY, "alerts-evaluate");
        evaluate.setTooltip(new Tooltip("Apply the active model's alert rules as of the date; running it again adds nothing"));
        evaluate.disableProperty().bind(viewModel.canEvaluateProperty().not());
        evaluate.setOnAction(e -> viewModel.evaluate());
        evaluate.getStyleClass().add("accent");
        Button export = button("Export CRM tasks", Feather.DOWNLOAD, "alerts-export");
        export.setTooltip(new Tooltip("Write the open alerts the filters show as CRM tasks (.csv, .xlsx for Excel, or .json)"));
        export.disableProperty().bind(viewModel.canExportProperty().not());
        export.setOnAction(e -> viewModel.exportTasks(dialogs));

        VBox titles = new VBox(2, title, summary);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(12, titles, status, progress, evaluate, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Parent filters() {
        ComboBox<String> owner = choice("alerts-owner", viewModel.owners(), 200);
        owner.valueProperty().bindBidirectional(viewModel.ownerFilterProperty());
        ComboBox<String> severity = choice("alerts-severity", viewModel.severities(), 120);
        severity.valueProperty().bindBidirectional(viewModel.severityFilterProperty());
        ComboBox<String> rule = choice("alerts-rule", viewModel.rules(), 240);
        rule.valueProperty().bindBidirectional(viewModel.ruleFilterProperty());
        rule.setCellFactory(list -> new RuleCell());
        rule.setButtonCell(new RuleCell());
        ComboBox<AlertsViewModel.StatusFilter> status = new ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(AlertsViewModel.StatusFilter.values()));
        status.setId("alerts-status-filter");
        status.setPrefWidth(130);
        status.valueProperty().bindBidirectional(viewModel.statusFilterProperty());
        FlowPane bar = new FlowPane(8, 6, labelled("Owner", owner), labelled("Severity", severity),
                labelled("Rule", rule), labelled("Status", status));
        bar.getStyleClass().add(FILTERS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.disableProperty().bind(viewModel.loadedProperty().not());
        return bar;
    }

    private Parent alertsPane() {
        table.setId("alerts-table");
        table.setItems(viewModel.alerts());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(emptyState());

        TableColumn<Alert, String> account = textColumn("Account", 170, Alert::accountName);
        TableColumn<Alert, String> rule = new TableColumn<>("Rule");
        rule.setPrefWidth(170);
        rule.setCellValueFactory(c -> new ReadOnlyStringWrapper(viewModel.ruleLabel(c.getValue().ruleId())));
        rule.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Alert alert = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || item == null ? null : item);
                setTooltip(alert == null ? null : new Tooltip(viewModel.ruleDescription(alert.ruleId())));
            }
        });
        TableColumn<Alert, Severity> severity = new TableColumn<>("Severity");
        severity.setPrefWidth(100);
        severity.setMinWidth(100);
        severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        severity.setCellFactory(c -> new SeverityCell());
        severity.setComparator((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        TableColumn<Alert, String> when = textColumn("When", 100, a -> a.raisedOn().toString());
        when.setMinWidth(100);
        TableColumn<Alert, String> score = textColumn("Score", 110, AlertsView::scoreChange);
        score.setMinWidth(110);
        score.getStyleClass().add(NUMERIC);
        TableColumn<Alert, String> explanation = textColumn("Explanation", 250, Alert::headline);
        TableColumn<Alert, String> action = textColumn("Recommended action", 210, Alert::action);
        TableColumn<Alert, String> owner = textColumn("Owner", 120, Alert::owner);
        TableColumn<Alert, AlertStatus> status = new TableColumn<>("Status");
        status.setPrefWidth(120);
        status.setMinWidth(120);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new StatusCell());
        table.getColumns().setAll(List.of(account, rule, severity, when, score, explanation, action, owner, status));
        HelpTips.install(rule, Term.ALERT_RULE);
        HelpTips.install(severity, Term.SEVERITY);
        HelpTips.install(score, Term.SCORE);
        HelpTips.install(action, Term.NEXT_ACTION, Term.PLAYBOOK);
        HelpTips.install(owner, Term.CSM);
        HelpTips.install(status, Term.ALERT_STATUS);

        table.getSelectionModel().selectedItemProperty().addListener((o, old, alert) -> viewModel.selectedProperty().set(alert));
        viewModel.selectedProperty().addListener((o, old, alert) -> {
            if (alert != table.getSelectionModel().getSelectedItem()) {
                if (alert == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(alert);
                }
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && viewModel.selectedProperty().get() != null) {
                viewModel.openAccount();
            }
        });
        VBox pane = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        pane.setMinHeight(200);
        return pane;
    }

    private Parent detailPane() {
        Button acknowledge = button("Acknowledge", Feather.EYE, "alerts-acknowledge");
        acknowledge.setTooltip(new Tooltip("The owner has seen it: its task is in progress"));
        acknowledge.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.canChangeStatusProperty().get()
                || viewModel.selectedProperty().get().status() != AlertStatus.NEW,
                viewModel.canChangeStatusProperty(), viewModel.selectedProperty()));
        acknowledge.setOnAction(e -> viewModel.acknowledge());
        Button done = button("Done", Feather.CHECK, "alerts-done");
        done.setTooltip(new Tooltip("The recommended action was taken"));
        done.disableProperty().bind(viewModel.canChangeStatusProperty().not());
        done.setOnAction(e -> viewModel.done());
        Button dismiss = button("Dismiss…", Feather.X_CIRCLE, "alerts-dismiss");
        dismiss.setTooltip(new Tooltip("Not worth acting on; asks why"));
        dismiss.disableProperty().bind(viewModel.canChangeStatusProperty().not());
        dismiss.setOnAction(e -> viewModel.dismiss(dialogs));
        Button open = button("Open account", Feather.EXTERNAL_LINK, "alerts-open-account");
        open.disableProperty().bind(viewModel.selectedProperty().isNull());
        open.setOnAction(e -> viewModel.openAccount());
        for (Button b : List.of(acknowledge, done, dismiss, open)) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        VBox actions = new VBox(6, acknowledge, done, dismiss, open);
        actions.setMinWidth(Region.USE_PREF_SIZE);

        Label headline = new Label();
        headline.setId("alerts-detail-headline");
        headline.getStyleClass().add(DETAIL_HEADLINE);
        headline.setWrapText(true);
        Label facts = new Label();
        facts.setId("alerts-detail-facts");
        facts.getStyleClass().add(HINT);
        facts.setWrapText(true);
        Label numbers = new Label();
        numbers.setId("alerts-detail-numbers");
        numbers.getStyleClass().add(NUMERIC);
        numbers.setWrapText(true);
        Label explanation = new Label();
        explanation.setId("alerts-detail-explanation");
        explanation.setWrapText(true);
        Label actionTitle = new Label("Recommended action");
        actionTitle.getStyleClass().add(DETAIL_LABEL);
        Label action = new Label();
        action.setId("alerts-detail-action");
        action.getStyleClass().add(ACTION);
        action.setWrapText(true);
        Label reason = new Label();
        reason.setWrapText(true);
        reason.getStyleClass().add(HINT);

        Label historyTitle = new Label("Task history");
        historyTitle.getStyleClass().add(DETAIL_LABEL);
        javafx.scene.control.ListView<String> history = new javafx.scene.control.ListView<>(viewModel.historyLines());
        history.setId("alerts-detail-history");
        history.setPrefHeight(110);
        history.setFocusTraversable(false);
        VBox content = new VBox(8, headline, facts, numbers, explanation, actionTitle, action, reason, historyTitle,
                history);
        content.getStyleClass().add(DETAIL);
        content.setPadding(new Insets(4, 12, 4, 4));
        viewModel.selectedProperty().addListener((o, old, alert) -> {
            boolean any = alert != null;
            content.getChildren().forEach(n -> n.setVisible(any));
            headline.setText(any ? alert.headline() : "");
            facts.setText(any ? alert.accountName() + " (" + alert.accountId() + ") · " + viewModel.ruleLabel(alert.ruleId()) + " · "
                    + alert.severity().id() + " · owner " + orDash(alert.owner()) + " · raised " + alert.raisedOn()
                    + (alert.lastSeen().equals(alert.raisedOn()) ? "" : ", last seen " + alert.lastSeen()) : "");
            numbers.setText(any ? numbers(alert) : "");
            explanation.setText(any ? orDash(alert.explanation()) : "");
            action.setText(any ? orDash(alert.action()) : "");
            reason.setText(any ? statusLine(alert) : "");
        });
        content.getChildren().forEach(n -> n.setVisible(false));

        Label title = new Label("Selected alert");
        title.getStyleClass().add(CARD_TITLE);
        Label none = new Label("Select an alert to see its explanation and act on it.");
        none.getStyleClass().add(HINT);
        none.setWrapText(true);
        none.visibleProperty().bind(viewModel.selectedProperty().isNull());
        none.managedProperty().bind(none.visibleProperty());
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.visibleProperty().bind(viewModel.selectedProperty().isNotNull());
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox text = new VBox(8, title, none, scroll);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox pane = new HBox(16, actions, text);
        pane.getStyleClass().add(CARD);
        pane.setPadding(new Insets(10));
        pane.setMinHeight(150);
        return pane;
    }

    /**
     * What the empty table says: before a portfolio is scored, where to get one; before any rule was evaluated, what
     * evaluating does, with the button; when filters hide every alert, that they do.
     */
    private Parent emptyState() {
        Label title = new Label();
        title.setId("alerts-empty-title");
        title.getStyleClass().add(EMPTY_TITLE);
        Label text = new Label();
        text.setId("alerts-empty-text");
        text.setWrapText(true);
        text.setMaxWidth(560);
        Button evaluate = button("Evaluate now", Feather.PLAY, "alerts-evaluate-empty");
        evaluate.getStyleClass().add("accent");
        evaluate.setOnAction(e -> viewModel.evaluate());
        evaluate.disableProperty().bind(viewModel.canEvaluateProperty().not());
        Runnable update = () -> {
            boolean loaded = viewModel.loadedProperty().get();
            boolean none = viewModel.recordedCountProperty().get() == 0;
            evaluate.setVisible(loaded && none);
            evaluate.setManaged(evaluate.isVisible());
            if (!loaded) {
                title.setText("No portfolio scored yet");
                text.setText("Alerts are raised from the scored portfolio. Import data on the Data screen (or the sample"
                        + " portfolio); the alerts appear here once it is scored.");
            } else if (none) {
                title.setText("No alerts evaluated yet");
                text.setText("Alerts are raised when the active model's rules are applied to the portfolio as of "
                        + viewModel.asOfProperty().get() + ". Evaluate now to apply them; evaluating the same date"
                        + " again adds nothing.");
            } else {
                title.setText("No alerts match these filters");
                text.setText("Set Owner, Severity, Rule and Status to All to see every alert.");
            }
        };
        viewModel.loadedProperty().addListener((o, was, now) -> update.run());
        viewModel.recordedCountProperty().addListener((o, was, now) -> update.run());
        viewModel.asOfProperty().addListener((o, was, now) -> update.run());
        update.run();
        VBox box = new VBox(10, title, text, evaluate);
        box.setId("alerts-empty");
        box.getStyleClass().add(EMPTY_STATE);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Parent webhookPane() {
        Label title = new Label("Webhook");
        title.getStyleClass().add(CARD_TITLE);
        Label saved = new Label();
        saved.setId("alerts-webhook-saved");
        saved.setWrapText(true);
        saved.textProperty().bind(Bindings.createStringBinding(() -> viewModel.savedWebhookProperty().get().isEmpty()
                ? "No URL saved: new alerts are only listed here."
                : "Posting new alerts to " + viewModel.savedWebhookProperty().get(), viewModel.savedWebhookProperty()));
        saved.getStyleClass().add(HINT);

        TextField url = new TextField();
        url.setId("alerts-webhook-url");
        url.textProperty().bindBidirectional(viewModel.webhookInputProperty());
        url.promptTextProperty().bind(Bindings.createStringBinding(() -> viewModel.savedWebhookProperty().get().isEmpty()
                ? "https://hooks.example.com/…" : viewModel.savedWebhookProperty().get(), viewModel.savedWebhookProperty()));
        HBox.setHgrow(url, Priority.ALWAYS);
        Button save = button("Save", Feather.SAVE, "alerts-webhook-save");
        save.disableProperty().bind(viewModel.busyProperty().or(viewModel.loadedProperty().not())
                .or(viewModel.webhookInputProperty().isEmpty()));
        save.setOnAction(e -> viewModel.saveWebhook());
        url.setOnAction(e -> {
            if (!save.isDisabled()) {
                viewModel.saveWebhook();
            }
        });
        HBox urlRow = new HBox(6, url, save);
        urlRow.setAlignment(Pos.CENTER_LEFT);

        Button test = button("Send test", Feather.SEND, "alerts-webhook-test");
        test.disableProperty().bind(viewModel.canUseWebhookProperty().not());
        test.setOnAction(e -> viewModel.sendTest());
        Button deliver = button("Deliver now", Feather.REFRESH_CW, "alerts-webhook-deliver");
        deliver.setTooltip(new Tooltip("Post the messages that are waiting and due"));
        deliver.disableProperty().bind(viewModel.canUseWebhookProperty().not());
        deliver.setOnAction(e -> viewModel.deliverNow());
        HBox buttons = new HBox(6, test, deliver);

        Label result = new Label();
        result.setId("alerts-webhook-result");
        result.setWrapText(true);
        result.getStyleClass().add(WEBHOOK_RESULT);
        result.textProperty().bind(viewModel.webhookResultProperty());
        viewModel.webhookProblemProperty().addListener((o, old, problem) -> {
            result.getStyleClass().removeAll(PROBLEM, GOOD);
            result.getStyleClass().add(problem ? PROBLEM : GOOD);
        });
        result.getStyleClass().add(GOOD);

        VBox settings = new VBox(8, title, saved, urlRow, buttons, result);
        settings.setPrefWidth(420);
        settings.setMinWidth(360);

        TableView<DeliveryAttempt> log = new TableView<>(viewModel.deliveries());
        log.setId("alerts-deliveries");
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        log.setPlaceholder(new Label("Nothing posted yet."));
        TableColumn<DeliveryAttempt, String> time = new TableColumn<>("Time");
        time.setPrefWidth(170);
        time.setMinWidth(170);
        time.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().attemptedAt().atZoneSameInstant(ZoneId.systemDefault()).format(ATTEMPT_TIME)));
        TableColumn<DeliveryAttempt, String> alert = new TableColumn<>("Alert");
        alert.setPrefWidth(220);
        alert.setCellValueFactory(c -> new ReadOnlyStringWrapper(viewModel.describeAlert(c.getValue().alertId())));
        TableColumn<DeliveryAttempt, Number> attempt = new TableColumn<>("Attempt");
        attempt.setPrefWidth(80);
        attempt.setMinWidth(80);
        attempt.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().attempt()));
        TableColumn<DeliveryAttempt, String> answer = new TableColumn<>("HTTP status or error");
        answer.setPrefWidth(200);
        answer.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().httpStatus() != null
                ? "HTTP " + c.getValue().httpStatus() : orDash(c.getValue().error())));
        TableColumn<DeliveryAttempt, String> delivered = new TableColumn<>("Delivered");
        delivered.setPrefWidth(90);
        delivered.setMinWidth(90);
        delivered.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().delivered() ? "yes" : "no"));
        log.getColumns().setAll(List.of(time, alert, attempt, answer, delivered));
        log.setMinHeight(90);
        HBox.setHgrow(log, Priority.ALWAYS);

        Label logTitle = new Label("Delivery log");
        logTitle.getStyleClass().add(CARD_TITLE);
        VBox logPane = new VBox(6, logTitle, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        HBox.setHgrow(logPane, Priority.ALWAYS);

        HBox pane = new HBox(16, settings, logPane);
        pane.setPadding(new Insets(12, 0, 0, 0));
        return pane;
    }

    // Helpers

    private static Button button(String text, Feather icon, String id) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static ComboBox<String> choice(String id, javafx.collections.ObservableList<String> items, double width) {
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setPrefWidth(width);
        return box;
    }

    private static HBox labelled(String text, javafx.scene.Node control) {
        Label label = new Label(text);
        label.setLabelFor(control);
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, label, control);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 10, 0, 0));
        return box;
    }

    private static TableColumn<Alert, String> textColumn(String title, double width, Function<Alert, String> value) {
        TableColumn<Alert, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item);
                // The whole text on hover, for a column too narrow to show it.
                setTooltip(empty || item == null || item.isBlank() ? null : new Tooltip(item));
            }
        });
        return column;
    }

    /**
     * "54.2 ← 95.0": the score now and before, in tenths, as the detail's change is, so a row never shows two equal
     * scores beside a change of a point.
     */
    static String scoreChange(Alert alert) {
        if (alert.score() == null) {
            return "";
        }
        String now = tenths(alert.score());
        return alert.scoreBefore() == null ? now : now + " ← " + tenths(alert.scoreBefore());
    }

    private static String tenths(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    /** "+3.2", "−0.8", "0.0": a change in tenths with a real minus sign. */
    private static String signedTenths(double change) {
        double rounded = Math.round(change * 10) / 10.0;
        if (rounded == 0) {
            return "0.0";
        }
        return (rounded > 0 ? "+" : "−") + tenths(Math.abs(rounded));
    }

    static String numbers(Alert alert) {
        StringBuilder text = new StringBuilder();
        if (alert.score() != null) {
            text.append("Score ").append(tenths(alert.score()));
            if (alert.band() != null) {
                text.append(" (").append(alert.band()).append(')');
            }
            if (alert.scoreBefore() != null) {
                text.append(", was ").append(tenths(alert.scoreBefore()));
                if (alert.bandBefore() != null) {
                    text.append(" (").append(alert.bandBefore()).append(')');
                }
                // The change of the two figures shown, so the sentence adds up.
                double change = Math.round(alert.score() * 10) / 10.0 - Math.round(alert.scoreBefore() * 10) / 10.0;
                text.append(": ").append(signedTenths(change)).append(Math.abs(Math.round(change * 10)) == 10 ? " point" : " points");
            }
        }
        return text.toString();
    }

    private static String statusLine(Alert alert) {
        String line = "Status: " + alert.status().label();
        if (alert.statusChangedBy() != null && alert.statusChangedAt() != null) {
            line += " by " + alert.statusChangedBy() + " on " + alert.statusChangedAt()
                    .atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime()
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ');
        }
        if (alert.statusReason() != null) {
            line += " — " + alert.statusReason();
        }
        return line;
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    /** A rule filter's choice by its label; "All" as it is. */
    private final class RuleCell extends javafx.scene.control.ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String label = AlertsViewModel.ALL.equals(id) ? id : viewModel.ruleLabel(id);
            setText(label);
            setTooltip(AlertsViewModel.ALL.equals(id) ? null : new Tooltip(viewModel.ruleDescription(id)));
        }
    }

    /** The severity in its colour, with an icon so that colour is not the only cue. */
    private static final class SeverityCell extends TableCell<Alert, Severity> {

        private static final List<String> CLASSES = java.util.Arrays.stream(Severity.values())
                .map(s -> SEVERITY + "-" + s.id()).toList();

        SeverityCell() {
            getStyleClass().add(SEVERITY);
        }

        @Override
        protected void updateItem(Severity severity, boolean empty) {
            super.updateItem(severity, empty);
            getStyleClass().removeAll(CLASSES);
            if (empty || severity == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(severity.id());
            setGraphic(new FontIcon(switch (severity) {
                case CRITICAL -> Feather.ALERT_OCTAGON;
                case HIGH -> Feather.ALERT_TRIANGLE;
                case MEDIUM -> Feather.ALERT_CIRCLE;
                case LOW -> Feather.INFO;
            }));
            getStyleClass().add(SEVERITY + "-" + severity.id());
        }
    }

    private static final class StatusCell extends TableCell<Alert, AlertStatus> {

        private static final List<String> CLASSES = java.util.Arrays.stream(AlertStatus.values())
                .map(s -> STATUS + "-" + s.name().toLowerCase(Locale.ROOT)).toList();

        StatusCell() {
            getStyleClass().add(STATUS);
        }

        @Override
        protected void updateItem(AlertStatus status, boolean empty) {
            super.updateItem(status, empty);
            getStyleClass().removeAll(CLASSES);
            if (empty || status == null) {
                setText(null);
                return;
            }
            String id = status.name().toLowerCase(Locale.ROOT);
            setText(status.label());
            getStyleClass().add(STATUS + "-" + id);
        }
    }
}
