package com.bellwether.ui.alerts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.AlertStatus;
import com.bellwether.alerts.CrmTasks;
import com.bellwether.alerts.DeliveryAttempt;
import com.bellwether.alerts.DeliveryRun;
import com.bellwether.alerts.Severity;
import com.bellwether.alerts.WebhookResponse;
import com.bellwether.alerts.WebhookSender;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.app.ExportSheets;
import com.bellwether.app.Workspace;
import com.bellwether.app.BackgroundJob;
import com.bellwether.ui.Dialogs;

/**
 * The alerts a CSM works through: the recorded alerts filtered by owner, severity, rule and status, acknowledged,
 * done or dismissed one by one, exported as CRM tasks, and the webhook they are posted to. Every read and write of
 * the database, the file system and the network runs on the background executor.
 */
public final class AlertsViewModel {

    /** The filter choice that keeps every value. */
    public static final String ALL = "All";
    public static final int DELIVERY_LOG_SIZE = 200;

    /** Which statuses the list shows. */
    public enum StatusFilter {
        OPEN("Open"), ALL("All statuses");

        private final String label;

        StatusFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One read of the store: what the list shows, every alert (for the filter choices and counts), the delivery log. */
    private record Listing(long generation, List<Alert> shown, List<Alert> all, List<DeliveryAttempt> log,
                           Optional<WebhookUrl> webhook) {
    }

    private final Executor background;
    private final Executor fx;
    private volatile Clock clock = Clock.systemUTC();
    private volatile WebhookSender sender;

    // Properties
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<DeliveryAttempt> deliveries = FXCollections.observableArrayList();
    private final ObservableList<String> owners = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> severities = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> rules = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> ownerFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> severityFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> ruleFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(StatusFilter.OPEN);
    private final ObjectProperty<Alert> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LocalDate> asOf = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper recordedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper newSinceLastVisit = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<String> openRequest = new ReadOnlyObjectWrapper<>();
    private final StringProperty webhookInput = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper savedWebhook = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper webhookResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper webhookProblem = new ReadOnlyBooleanWrapper();

    private final BooleanBinding canChangeStatus;
    private final BooleanBinding canEvaluate;
    private final BooleanBinding canExport;
    private final BooleanBinding canUseWebhook;

    private volatile Workspace workspace;
    private volatile Portfolio portfolio;
    private volatile HealthModel model;
    private long generation;
    private boolean onScreen;
    /** Alerts up to this id have been on screen; -1 until the screen is first shown. */
    private final javafx.beans.property.ReadOnlyLongWrapper seenUpTo = new javafx.beans.property.ReadOnlyLongWrapper(-1);
    private List<Alert> everyAlert = List.of();
    private final Map<Severity, Integer> newBySeverity = new EnumMap<>(Severity.class);

    /**
     * @param background the database, files and the network
     * @param fx         where results are published (Platform::runLater; tests: Runnable::run)
     */
    public AlertsViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        for (Severity severity : Severity.values()) {
            severities.add(severity.id());
        }
        canChangeStatus = Bindings.createBooleanBinding(() -> !busy.get() && selected.get() != null
                && selected.get().status().isOpen(), busy, selected);
        canEvaluate = loaded.and(busy.not());
        canExport = Bindings.createBooleanBinding(() -> loaded.get() && !busy.get() && openCount.get() > 0,
                loaded, busy, openCount);
        canUseWebhook = Bindings.createBooleanBinding(() -> loaded.get() && !busy.get() && !savedWebhook.get().isEmpty(),
                loaded, busy, savedWebhook);
        selected.addListener((o, old, alert) -> loadHistory(alert));
        ownerFilter.addListener((o, old, value) -> refresh());
        severityFilter.addListener((o, old, value) -> refresh());
        ruleFilter.addListener((o, old, value) -> refresh());
        statusFilter.addListener((o, old, value) -> refresh());
    }

    // Properties

    /** The alerts the filters let through: most severe first, then newest. */
    public ObservableList<Alert> alerts() {
        return FXCollections.unmodifiableObservableList(alerts);
    }

    /** The latest webhook delivery attempts, newest first. */
    public ObservableList<DeliveryAttempt> deliveries() {
        return FXCollections.unmodifiableObservableList(deliveries);
    }

    /** "All" and the owners of the recorded alerts. */
    public ObservableList<String> owners() {
        return FXCollections.unmodifiableObservableList(owners);
    }

    /** "All" and the severities, most severe first. */
    public ObservableList<String> severities() {
        return FXCollections.unmodifiableObservableList(severities);
    }

    /** "All" and the rule ids of the recorded alerts. */
    public ObservableList<String> rules() {
        return FXCollections.unmodifiableObservableList(rules);
    }

    public ObjectProperty<String> ownerFilterProperty() {
        return ownerFilter;
    }

    public ObjectProperty<String> severityFilterProperty() {
        return severityFilter;
    }

    public ObjectProperty<String> ruleFilterProperty() {
        return ruleFilter;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    /** The alert the actions apply to. */
    public ObjectProperty<Alert> selectedProperty() {
        return selected;
    }

    /**
     * The selected alert's task lifecycle, one line per change, oldest first: "Open · raised by Bellwether ·
     * 2025-03-10 06:00", "Done · Dana Lee · 2025-04-01 09:00 · CRM import".
     */
    public ObservableList<String> historyLines() {
        return FXCollections.unmodifiableObservableList(history);
    }

    private void loadHistory(Alert alert) {
        history.clear();
        Workspace db = alertsWorkspace();
        if (alert == null || db == null) {
            return;
        }
        long id = alert.id();
        new BackgroundJob<List<com.bellwether.alerts.AlertStore.StatusChange>>(fx)
                .onSucceeded(changes -> {
                    if (selected.get() != null && selected.get().id() == id) {
                        history.setAll(changes.stream().map(AlertsViewModel::historyLine).toList());
                    }
                })
                .start(background, job -> db.alertHistory(id));
    }

    static String historyLine(com.bellwether.alerts.AlertStore.StatusChange change) {
        String who = change.changedBy() == null ? (change.status() == AlertStatus.NEW ? "raised by Bellwether" : "—")
                : change.changedBy();
        String when = change.changedAt() == null ? "" : " · " + change.changedAt()
                .atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime()
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ');
        String origin = com.bellwether.alerts.AlertStore.ORIGIN_IMPORT.equals(change.origin()) ? " · CRM import" : "";
        String reason = change.reason() == null ? "" : " — " + change.reason();
        return change.status().label() + " · " + who + when + origin + reason;
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The date "Evaluate now" evaluates. */
    public ReadOnlyObjectProperty<LocalDate> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** Alerts new or acknowledged, whatever the filters. */
    public ReadOnlyIntegerProperty openCountProperty() {
        return openCount.getReadOnlyProperty();
    }

    /** New alerts raised since the screen was last shown (all new ones before it is first shown). */
    /** Every alert recorded in the database, whatever its status and the filters: none until rules are evaluated. */
    public ReadOnlyIntegerProperty recordedCountProperty() {
        return recordedCount.getReadOnlyProperty();
    }

    /** Whether the status line tells of a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The rule's name for people ("Fell into red within 7 days"), from the active model's rule of that id. */
    public String ruleLabel(String ruleId) {
        return com.bellwether.alerts.RuleLabels.label(model, ruleId);
    }

    /** The whole rule in a sentence, with its id: what a rule's tooltip says. */
    public String ruleDescription(String ruleId) {
        return com.bellwether.alerts.RuleLabels.describe(model, ruleId);
    }

    public ReadOnlyIntegerProperty newSinceLastVisitProperty() {
        return newSinceLastVisit.getReadOnlyProperty();
    }

    /** The highest alert id that has been on screen, -1 for none: what the workbench keeps between runs. */
    public javafx.beans.property.ReadOnlyLongProperty seenUpToProperty() {
        return seenUpTo.getReadOnlyProperty();
    }

    /** Counts as seen the alerts up to this id, as a previous run of the workbench left them. */
    public void seenBefore(long id) {
        if (id > seenUpTo.get()) {
            seenUpTo.set(id);
            countNew();
        }
    }

    /** The account to open; set to null and then to the id, so asking twice for the same account is heard twice. */
    public ReadOnlyObjectProperty<String> openRequestProperty() {
        return openRequest.getReadOnlyProperty();
    }

    /** The URL being typed in; cleared once saved, so the secret it may hold does not stay on screen. */
    public StringProperty webhookInputProperty() {
        return webhookInput;
    }

    /** The saved webhook URL, redacted; empty when none is saved. */
    public ReadOnlyStringProperty savedWebhookProperty() {
        return savedWebhook.getReadOnlyProperty();
    }

    /** What the last webhook action came to: saved, refused, the test's HTTP status or error, a delivery. */
    public ReadOnlyStringProperty webhookResultProperty() {
        return webhookResult.getReadOnlyProperty();
    }

    /** Whether the webhook result reports a problem. */
    public ReadOnlyBooleanProperty webhookProblemProperty() {
        return webhookProblem.getReadOnlyProperty();
    }

    /** Acknowledge, done and dismiss can act: an open alert is selected and nothing else runs. */
    public BooleanBinding canChangeStatusProperty() {
        return canChangeStatus;
    }

    public BooleanBinding canEvaluateProperty() {
        return canEvaluate;
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** Send test and deliver now can act: a URL is saved and nothing else runs. */
    public BooleanBinding canUseWebhookProperty() {
        return canUseWebhook;
    }

    /** "3 new alerts: 1 critical, 2 high", or empty when nothing is new since the last visit. */
    public String announcement() {
        int count = newSinceLastVisit.get();
        if (count == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            Integer n = newBySeverity.get(severity);
            if (n != null && n > 0) {
                parts.add(n + " " + severity.id());
            }
        }
        return count + (count == 1 ? " new alert: " : " new alerts: ") + String.join(", ", parts);
    }

    /** The rule id, account and dates of a delivery's alert, as far as the store knows it. */
    public String describeAlert(long alertId) {
        return everyAlert.stream().filter(a -> a.id() == alertId).findFirst()
                .map(a -> a.accountName() + " · " + ruleLabel(a.ruleId())).orElse("alert " + alertId);
    }

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** The workspace, its alerts stamped by this screen's clock; null before a load. */
    private Workspace alertsWorkspace() {
        Workspace opened = workspace;
        return opened == null ? null : opened.withClock(clock);
    }

    void useSender(WebhookSender testSender) {
        this.sender = testSender;
    }

    // Commands

    /** Takes the scored portfolio and its active model, then reads the alerts and the webhook settings off the FX thread. */
    public void load(Workspace opened, Portfolio scored, HealthModel activeModel, LocalDate date) {
        this.workspace = opened;
        this.portfolio = scored;
        this.model = activeModel;
        asOf.set(date);
        loaded.set(true);
        refresh();
    }

    /** Re-reads the list with the present filters; the newest read wins. */
    public void refresh() {
        Workspace db = alertsWorkspace();
        if (db == null) {
            return;
        }
        long thisRead = ++generation;
        AlertFilter filter = filter();
        boolean openOnly = statusFilter.get() == StatusFilter.OPEN;
        new BackgroundJob<Listing>(fx)
                .onSucceeded(this::publish)
                .onFailed(e -> {
                    status.set("Cannot read the alerts: " + message(e));
                    failed.set(true);
                })
                .start(background, job -> {
                    List<Alert> all = db.allAlerts();
                    List<Alert> shown = openOnly ? db.openAlerts(filter) : all.stream().filter(filter::matches).toList();
                    return new Listing(thisRead, shown, all, db.deliveryLog(DELIVERY_LOG_SIZE), db.configuredWebhook());
                });
    }

    /** Evaluates the active model's alert rules as of the date; evaluating a date twice adds nothing. */
    public void evaluate() {
        Workspace db = alertsWorkspace();
        LocalDate date = asOf.get();
        if (db == null || busy.get()) {
            return;
        }
        HealthModel rules = model;
        Portfolio scored = portfolio;
        run("Evaluating the alert rules as of " + date, job -> {
            WebhookUrl url = db.configuredWebhook().orElse(null);
            AlertRun.Result result = db.evaluateAlerts(rules, scored, date, url);
            String delivery = "";
            if (result.queued() > 0) {
                job.update("Posting " + com.bellwether.domain.Plurals.count(result.queued(), "new alert") + " to the webhook…", -1);
                DeliveryRun run = db.deliverDueAlerts(sender());
                delivery = "; " + run.delivered() + " posted to the webhook"
                        + (run.pending() > 0 ? " (" + run.pending() + " waiting for a retry)" : "");
            }
            return "Evaluated as of " + date + ": " + result.created().size() + " new, " + result.updated()
                    + " updated; " + result.open() + " open" + delivery + ".";
        }, status::set);
    }

    public void acknowledge() {
        changeStatus("Acknowledged", (alerts, alert) -> alerts.acknowledgeAlert(alert));
    }

    public void done() {
        changeStatus("Done", (alerts, alert) -> alerts.markAlertDone(alert));
    }

    /** Asks why the selected alert is not worth acting on; a blank reason is refused, a cancel does nothing. */
    public void dismiss(Dialogs dialogs) {
        Alert alert = selected.get();
        if (alert == null || !canChangeStatus.get()) {
            return;
        }
        Optional<String> reason = dialogs.askText("Dismiss the alert",
                "Why is \"" + alert.headline() + "\" for " + alert.accountName() + " not worth acting on?");
        if (reason.isEmpty()) {
            return;
        }
        if (reason.get().isBlank()) {
            dialogs.showError("The alert was not dismissed", "A dismissed alert needs a reason: it is how the rules get tuned.");
            status.set("Not dismissed: a dismissed alert needs a reason.");
            return;
        }
        String why = reason.get().strip();
        changeStatus("Dismissed", (alerts, a) -> alerts.dismissAlert(a, why));
    }

    /** Asks for the selected alert's account to be opened. */
    public void openAccount() {
        Alert alert = selected.get();
        if (alert != null) {
            openRequest.set(null);
            openRequest.set(alert.accountId());
        }
    }

    /** Writes the open alerts the filters let through as CRM tasks, CSV, Excel or JSON by the chosen file's extension. */
    public void exportTasks(Dialogs dialogs) {
        Workspace db = alertsWorkspace();
        if (db == null || !canExport.get()) {
            return;
        }
        Optional<Path> chosen = dialogs.chooseSaveFile("Export the open alerts as CRM tasks", "alerts-" + asOf.get() + ".csv");
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get();
        if (!ExportSheets.taskFile(file)) {
            dialogs.showError("The tasks were not exported", "Choose a file name ending in .csv, .xlsx or .json, not "
                    + file.getFileName() + ".");
            return;
        }
        AlertFilter filter = filter();
        run("Exporting the open alerts", job -> {
            List<Alert> open = db.openAlerts(filter);
            ExportSheets.writeTasks(CrmTasks.of(open), file, job);
            return "Exported " + open.size() + (open.size() == 1 ? " open alert" : " open alerts")
                    + " as CRM tasks to " + file.getFileName() + ".";
        }, status::set, e -> dialogs.showError("The tasks were not exported", message(e)));
    }

    /** Saves the typed URL when it is an http or https URL; shows it redacted from then on. */
    public void saveWebhook() {
        Workspace db = alertsWorkspace();
        if (db == null || busy.get()) {
            return;
        }
        WebhookUrl url;
        try {
            url = WebhookUrl.parse(webhookInput.get());
            if (url.hasWrittenPassword()) {
                throw new IllegalArgumentException(com.bellwether.alerts.Outbox.WRITTEN_PASSWORD);
            }
        } catch (IllegalArgumentException e) {
            webhookProblem.set(true);
            webhookResult.set("Not saved: " + e.getMessage() + ".");
            return;
        }
        run("Saving the webhook URL", job -> {
            db.configureWebhook(url);
            return url;
        }, saved -> {
            webhookInput.set("");
            savedWebhook.set(saved.redacted());
            webhookProblem.set(false);
            webhookResult.set("Saved. New alerts will be posted to " + saved.redacted() + ".");
            status.set("Webhook URL saved.");
        });
    }

    /** Posts a test message to the saved URL and shows the HTTP status or the error. */
    public void sendTest() {
        Workspace db = alertsWorkspace();
        if (db == null || !canUseWebhook.get()) {
            return;
        }
        webhookResult.set("");
        run("Sending a test message", job -> {
            WebhookUrl url = db.configuredWebhook().orElseThrow(() -> new IllegalStateException("No webhook URL is saved"));
            return sender().sendTest(url, clock);
        }, (WebhookResponse response) -> {
            webhookProblem.set(!response.delivered());
            webhookResult.set((response.delivered() ? "Test delivered: " : "Test not delivered: ") + response.describe());
            status.set("Test message sent.");
        }, e -> {
            webhookProblem.set(true);
            webhookResult.set("Test not delivered: " + message(e));
        });
    }

    /** Posts every message that is due now, then re-reads the delivery log. */
    public void deliverNow() {
        Workspace db = alertsWorkspace();
        if (db == null || !canUseWebhook.get()) {
            return;
        }
        run("Posting the waiting messages", job -> db.deliverDueAlerts(sender()), (DeliveryRun run) -> {
            webhookProblem.set(run.failed() > 0);
            webhookResult.set(run.attempted() == 0 ? "Nothing was due." : run.delivered() + " of " + run.attempted()
                    + " delivered" + (run.pending() > 0 ? "; " + run.pending() + " waiting for a retry." : "."));
            status.set("Delivery done.");
        });
    }

    /** Whether the screen is showing: alerts listed while it is count as seen. */
    public void setOnScreen(boolean showing) {
        onScreen = showing;
        if (showing) {
            markSeen();
        }
    }

    // Helpers

    private interface StatusChange {
        Alert apply(Workspace alerts, Alert alert);
    }

    private void changeStatus(String verb, StatusChange change) {
        Workspace db = alertsWorkspace();
        Alert alert = selected.get();
        if (db == null || alert == null || !canChangeStatus.get()) {
            return;
        }
        run(verb + " " + alert.accountName(), job -> change.apply(db, alert),
                changed -> status.set(verb + ": " + changed.accountName() + " · " + ruleLabel(changed.ruleId()) + "."));
    }

    private <T> void run(String what, BackgroundJob.Work<T> work, Consumer<T> done) {
        run(what, work, done, e -> { });
    }

    /** Runs the work in the background with the screen busy, publishes its result, then re-reads the list. */
    private <T> void run(String what, BackgroundJob.Work<T> work, Consumer<T> done, Consumer<Exception> failed) {
        busy.set(true);
        this.failed.set(false);
        status.set(what + "…");
        new BackgroundJob<T>(fx)
                .onSucceeded(result -> {
                    busy.set(false);
                    done.accept(result);
                    refresh();
                })
                .onFailed(e -> {
                    busy.set(false);
                    status.set(what + " failed: " + message(e));
                    this.failed.set(true);
                    if (e instanceof Exception exception) {
                        failed.accept(exception);
                    }
                    refresh();
                })
                .onProgress((step, fraction) -> status.set(step))
                .start(background, work);
    }

    private void publish(Listing listing) {
        if (listing.generation() != generation) {
            return; // a newer read is on its way
        }
        long keep = selected.get() == null ? -1 : selected.get().id();
        everyAlert = listing.all();
        // A mark past every alert there is belongs to a database since made anew (ids start again): forget it.
        if (seenUpTo.get() > everyAlert.stream().mapToLong(Alert::id).max().orElse(-1)) {
            seenUpTo.set(-1);
        }
        keepChoices(owners, listing.all().stream().map(Alert::owner), ownerFilter);
        keepChoices(rules, listing.all().stream().map(Alert::ruleId), ruleFilter);
        alerts.setAll(listing.shown());
        selected.set(listing.shown().stream().filter(a -> a.id() == keep).findFirst().orElse(null));
        deliveries.setAll(listing.log());
        savedWebhook.set(listing.webhook().map(WebhookUrl::redacted).orElse(""));
        openCount.set((int) listing.all().stream().filter(a -> a.status().isOpen()).count());
        recordedCount.set(listing.all().size());
        if (onScreen) {
            markSeen();
        } else {
            countNew();
        }
    }

    private static void keepChoices(ObservableList<String> choices, java.util.stream.Stream<String> values,
                                    ObjectProperty<String> chosen) {
        TreeSet<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        values.filter(v -> v != null && !v.isBlank()).forEach(sorted::add);
        if (chosen.get() != null && !ALL.equals(chosen.get())) {
            sorted.add(chosen.get()); // the chosen value stays a choice even when nothing matches it any more
        }
        List<String> next = new ArrayList<>();
        next.add(ALL);
        next.addAll(sorted);
        if (!next.equals(choices)) {
            String kept = chosen.get() == null ? ALL : chosen.get();
            choices.setAll(next);
            // A combo box showing the choices clears its value when they are replaced; the choice stays.
            if (!kept.equals(chosen.get())) {
                chosen.set(kept);
            }
        }
    }

    private void markSeen() {
        seenUpTo.set(Math.max(seenUpTo.get(), everyAlert.stream().mapToLong(Alert::id).max().orElse(-1)));
        countNew();
    }

    private void countNew() {
        newBySeverity.clear();
        int count = 0;
        for (Alert alert : everyAlert) {
            if (alert.id() > seenUpTo.get() && alert.status() == AlertStatus.NEW) {
                newBySeverity.merge(alert.severity(), 1, Integer::sum);
                count++;
            }
        }
        newSinceLastVisit.set(count);
    }

    private AlertFilter filter() {
        return new AlertFilter(choice(ownerFilter.get()),
                choice(severityFilter.get()) == null ? null : Severity.of(severityFilter.get()),
                choice(ruleFilter.get()));
    }

    private static String choice(String value) {
        return value == null || ALL.equals(value) ? null : value;
    }

    private WebhookSender sender() {
        WebhookSender s = sender;
        if (s == null) {
            s = WebhookSender.withDefaults();
            sender = s;
        }
        return s;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
