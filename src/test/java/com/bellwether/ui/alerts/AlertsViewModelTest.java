package com.bellwether.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.ui.FakeDialogs;
import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.AlertStatus;
import com.bellwether.alerts.AlertStore;
import com.bellwether.alerts.Outbox;
import com.bellwether.alerts.Severity;
import com.sun.net.httpserver.HttpServer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/** The alerts screen's view model on the sample portfolio, without a toolkit: every executor runs in place. */
class AlertsViewModelTest {

    private static AlertsSample sample;

    private AlertsViewModel viewModel;
    private final FakeDialogs dialogs = new FakeDialogs();

    @BeforeAll
    static void importSample() throws Exception {
        sample = AlertsSample.imported();
    }

    @BeforeEach
    void loadWithoutAlerts() throws Exception {
        sample.reset();
        viewModel = new AlertsViewModel(Runnable::run, Runnable::run);
        viewModel.load(com.bellwether.app.Workspace.of(sample.database), sample.portfolio, sample.model, sample.asOf);
    }

    private AlertStore store() {
        return new AlertStore(sample.database, java.time.Clock.systemUTC());
    }

    private List<Alert> evaluated() {
        viewModel.evaluate();
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.alerts()).as("the sample raises alerts as of " + sample.asOf).hasSizeGreaterThan(3);
        return List.copyOf(viewModel.alerts());
    }

    @Test
    void evaluatingRecordsTheAlertsAndEvaluatingAgainRecordsNoNewOnes() {
        assertThat(viewModel.alerts()).isEmpty();
        assertThat(viewModel.canExportProperty().get()).isFalse();

        List<Alert> first = evaluated();
        int recorded = store().all().size();
        assertThat(recorded).isEqualTo(first.size());
        assertThat(viewModel.statusProperty().get()).startsWith("Evaluated as of " + sample.asOf + ": " + recorded + " new, 0 updated; "
                + recorded + " open");
        assertThat(viewModel.openCountProperty().get()).isEqualTo(recorded);
        assertThat(first).allMatch(a -> a.status() == AlertStatus.NEW);

        viewModel.evaluate();
        assertThat(store().all()).hasSize(recorded);
        assertThat(viewModel.statusProperty().get()).startsWith("Evaluated as of " + sample.asOf + ": 0 new, " + recorded + " updated");
        assertThat(viewModel.alerts()).extracting(Alert::id).containsExactlyElementsOf(first.stream().map(Alert::id).toList());
    }

    @Test
    void acknowledgeDoneAndDismissChangeTheStoredStatus() {
        List<Alert> alerts = evaluated();
        assertThat(viewModel.canChangeStatusProperty().get()).as("nothing selected").isFalse();

        viewModel.selectedProperty().set(alerts.get(0));
        assertThat(viewModel.canChangeStatusProperty().get()).isTrue();
        viewModel.acknowledge();
        assertThat(store().get(alerts.get(0).id()).orElseThrow().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(viewModel.alerts().get(0).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(viewModel.selectedProperty().get().id()).as("the selection follows the re-read alert").isEqualTo(alerts.get(0).id());

        viewModel.selectedProperty().set(viewModel.alerts().get(1));
        viewModel.done();
        assertThat(store().get(alerts.get(1).id()).orElseThrow().status()).isEqualTo(AlertStatus.DONE);
        assertThat(viewModel.alerts()).extracting(Alert::id).doesNotContain(alerts.get(1).id());
        assertThat(viewModel.selectedProperty().get()).as("a done alert leaves the open list").isNull();

        viewModel.selectedProperty().set(viewModel.alerts().get(1));
        dialogs.answer = "  Seasonal dip, renewal signed  ";
        viewModel.dismiss(dialogs);
        Alert dismissed = store().get(alerts.get(2).id()).orElseThrow();
        assertThat(dismissed.status()).isEqualTo(AlertStatus.DISMISSED);
        assertThat(dismissed.statusReason()).isEqualTo("Seasonal dip, renewal signed");
        assertThat(dialogs.asked).hasSize(1);
        assertThat(viewModel.openCountProperty().get()).isEqualTo(alerts.size() - 2);

        viewModel.statusFilterProperty().set(AlertsViewModel.StatusFilter.ALL);
        assertThat(viewModel.alerts()).hasSize(alerts.size());
        Alert done = viewModel.alerts().stream().filter(a -> a.id() == alerts.get(1).id()).findFirst().orElseThrow();
        viewModel.selectedProperty().set(done);
        assertThat(viewModel.canChangeStatusProperty().get()).as("a done alert cannot change again").isFalse();
    }

    @Test
    void dismissingWithoutAReasonIsRefused() {
        Alert alert = evaluated().get(0);
        viewModel.selectedProperty().set(alert);

        dialogs.answer = "   ";
        viewModel.dismiss(dialogs);
        assertThat(store().get(alert.id()).orElseThrow().status()).isEqualTo(AlertStatus.NEW);
        assertThat(dialogs.errors).singleElement().asString().contains("needs a reason");

        dialogs.answer = null; // cancelled
        viewModel.dismiss(dialogs);
        assertThat(store().get(alert.id()).orElseThrow().status()).isEqualTo(AlertStatus.NEW);
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.asked).hasSize(2);
    }

    @Test
    void filtersNarrowTheList() {
        List<Alert> all = evaluated();
        assertThat(viewModel.owners()).first().isEqualTo(AlertsViewModel.ALL);
        assertThat(viewModel.owners()).containsAll(all.stream().map(Alert::owner).distinct().toList());
        assertThat(viewModel.rules()).containsAll(all.stream().map(Alert::ruleId).distinct().toList());

        Map<String, Long> byOwner = all.stream().collect(Collectors.groupingBy(Alert::owner, Collectors.counting()));
        String owner = byOwner.keySet().iterator().next();
        viewModel.ownerFilterProperty().set(owner);
        assertThat(viewModel.alerts()).hasSize(byOwner.get(owner).intValue()).allMatch(a -> a.owner().equals(owner));
        assertThat(viewModel.alerts().size()).isLessThan(all.size());
        viewModel.ownerFilterProperty().set(AlertsViewModel.ALL);

        checkFilter(all, Alert::ruleId, viewModel.ruleFilterProperty(), all.get(all.size() - 1).ruleId());
        Severity severity = all.get(0).severity();
        checkFilter(all, a -> a.severity().id(), viewModel.severityFilterProperty(), severity.id());

        viewModel.severityFilterProperty().set(severity.id());
        viewModel.ruleFilterProperty().set(all.get(0).ruleId());
        assertThat(viewModel.alerts()).containsExactlyElementsOf(store().open(AlertFilter.ANY.withSeverity(severity)
                .withRule(all.get(0).ruleId())));
    }

    private void checkFilter(List<Alert> all, Function<Alert, String> field,
                             javafx.beans.property.ObjectProperty<String> filter, String value) {
        filter.set(value);
        List<Alert> expected = all.stream().filter(a -> field.apply(a).equals(value)).toList();
        assertThat(viewModel.alerts()).containsExactlyElementsOf(expected);
        filter.set(AlertsViewModel.ALL);
        assertThat(viewModel.alerts()).hasSize(all.size());
    }

    @Test
    void exportWritesTheOpenAlertsAsCrmTasksWithFormulaCellsNeutralised(@TempDir Path folder) throws Exception {
        List<Alert> alerts = evaluated();
        Alert dangerous = alerts.get(0);
        sample.execute("UPDATE alert SET account_name = '=HYPERLINK(\"http://x\")', owner = '@ops' WHERE alert_id = "
                + dangerous.id());
        viewModel.selectedProperty().set(alerts.get(1));
        viewModel.done();

        dialogs.saveTo = folder.resolve("tasks.csv");
        viewModel.exportTasks(dialogs);

        assertThat(dialogs.errors).isEmpty();
        List<CsvRecord> rows = CsvReader.builder().ofCsvRecord(Files.readString(dialogs.saveTo, StandardCharsets.UTF_8))
                .stream().toList();
        assertThat(rows.get(0).getFields()).containsExactlyElementsOf(com.bellwether.alerts.CrmTasks.CSV_HEADER);
        List<Alert> open = store().open(AlertFilter.ANY);
        assertThat(open).hasSize(alerts.size() - 1);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.getField(0))
                .containsExactlyElementsOf(open.stream().map(Alert::externalId).toList());
        CsvRecord first = rows.stream().filter(r -> r.getField(0).equals(dangerous.externalId())).findFirst().orElseThrow();
        assertThat(first.getField(4)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(first.getField(5)).isEqualTo("'@ops");
        assertThat(viewModel.statusProperty().get()).isEqualTo("Exported " + open.size() + " open alerts as CRM tasks to tasks.csv.");

        dialogs.saveTo = folder.resolve("tasks.xlsx");
        viewModel.exportTasks(dialogs);
        assertThat(dialogs.errors).isEmpty();
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(dialogs.saveTo.toFile())) {
            var sheet = workbook.findSheet("CRM tasks").orElseThrow().read();
            assertThat(sheet).hasSize(rows.size());
            var cells = sheet.stream().filter(r -> r.getCell(0).asString().equals(dangerous.externalId())).findFirst().orElseThrow();
            assertThat(cells.getCell(4).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.STRING);
            assertThat(cells.getCell(4).asString()).isEqualTo("=HYPERLINK(\"http://x\")");
            assertThat(cells.getCell(4).getFormula()).isNull();
            assertThat(cells.getCell(5).asString()).isEqualTo("@ops");
        }

        dialogs.saveTo = folder.resolve("tasks.txt");
        viewModel.exportTasks(dialogs);
        assertThat(dialogs.errors).singleElement().asString().contains(".csv, .xlsx or .json");
        assertThat(folder.resolve("tasks.txt")).doesNotExist();
    }

    @Test
    void aBadWebhookUrlIsRefusedAndAGoodOneIsStoredAndShownRedacted() {
        assertThat(viewModel.canUseWebhookProperty().get()).as("no URL yet").isFalse();

        viewModel.webhookInputProperty().set("ftp://files.example.com/in");
        viewModel.saveWebhook();
        assertThat(viewModel.webhookResultProperty().get()).isEqualTo("Not saved: expected an http or https URL, not a ftp: URL.");
        assertThat(viewModel.webhookProblemProperty().get()).isTrue();
        assertThat(new Outbox(sample.database).configuredUrl()).isEmpty();
        assertThat(viewModel.savedWebhookProperty().get()).isEmpty();

        viewModel.webhookInputProperty().set("https://bot:s3cret@hooks.example.com/in");
        viewModel.saveWebhook();
        assertThat(viewModel.webhookResultProperty().get()).startsWith("Not saved: a password written in the URL is not saved")
                .doesNotContain("s3cret");
        assertThat(new Outbox(sample.database).configuredUrl()).isEmpty();

        String secret = "https://bot:env:HOOK_PASSWORD@hooks.example.com/in?token=abc123";
        viewModel.webhookInputProperty().set(secret);
        viewModel.saveWebhook();
        assertThat(new Outbox(sample.database).configuredUrl().orElseThrow().stored()).isEqualTo(secret);
        assertThat(viewModel.savedWebhookProperty().get()).isEqualTo("https://***@hooks.example.com/in?token=***");
        assertThat(viewModel.webhookInputProperty().get()).isEmpty();
        assertThat(viewModel.webhookProblemProperty().get()).isFalse();
        assertThat(viewModel.webhookResultProperty().get() + viewModel.statusProperty().get()).doesNotContain("s3cret", "abc123");
        assertThat(viewModel.canUseWebhookProperty().get()).isTrue();

        AlertsViewModel reopened = new AlertsViewModel(Runnable::run, Runnable::run);
        reopened.load(com.bellwether.app.Workspace.of(sample.database), sample.portfolio, sample.model, sample.asOf);
        assertThat(reopened.savedWebhookProperty().get()).isEqualTo("https://***@hooks.example.com/in?token=***");
    }

    @Test
    void sendTestPostsToTheWebhookAndShowsTheStatus() throws Exception {
        List<String> bodies = new ArrayList<>();
        int[] answer = {204};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer[0], -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // no body
            }
        });
        server.start();
        try {
            viewModel.webhookInputProperty().set("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret");
            viewModel.saveWebhook();
            viewModel.sendTest();
            assertThat(viewModel.webhookResultProperty().get()).isEqualTo("Test delivered: HTTP 204");
            assertThat(viewModel.webhookProblemProperty().get()).isFalse();
            assertThat(bodies).singleElement().asString().contains("\"event\":\"test\"");

            answer[0] = 500;
            viewModel.sendTest();
            assertThat(viewModel.webhookResultProperty().get()).isEqualTo("Test not delivered: HTTP 500");
            assertThat(viewModel.webhookProblemProperty().get()).isTrue();

            // New alerts go out when evaluated; the delivery log lists every attempt.
            answer[0] = 200;
            List<Alert> alerts = evaluated();
            assertThat(bodies).hasSize(2 + alerts.size());
            assertThat(viewModel.deliveries()).hasSize(alerts.size()).allMatch(d -> d.delivered() && d.httpStatus() == 200);
            viewModel.deliverNow();
            assertThat(viewModel.webhookResultProperty().get()).isEqualTo("Nothing was due.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void newAlertsSinceTheLastVisitAreCountedAndAnnounced() {
        assertThat(viewModel.announcement()).isEmpty();
        List<Alert> alerts = evaluated();
        assertThat(viewModel.newSinceLastVisitProperty().get()).isEqualTo(alerts.size());
        Map<Severity, Long> bySeverity = alerts.stream().collect(Collectors.groupingBy(Alert::severity, Collectors.counting()));
        String expected = alerts.size() + " new alerts: " + java.util.Arrays.stream(Severity.values())
                .filter(bySeverity::containsKey).map(s -> bySeverity.get(s) + " " + s.id()).collect(Collectors.joining(", "));
        assertThat(viewModel.announcement()).isEqualTo(expected);

        viewModel.setOnScreen(true);
        assertThat(viewModel.newSinceLastVisitProperty().get()).isZero();
        assertThat(viewModel.announcement()).isEmpty();
        viewModel.setOnScreen(false);
        viewModel.evaluate();
        assertThat(viewModel.newSinceLastVisitProperty().get()).as("evaluating again raises nothing new").isZero();
    }

    @Test
    void alertsSeenInAnEarlierRunAreNotNewAgain() {
        List<Alert> alerts = evaluated();
        long newest = alerts.stream().mapToLong(Alert::id).max().orElseThrow();
        long secondNewest = alerts.stream().mapToLong(Alert::id).filter(id -> id < newest).max().orElseThrow();

        viewModel.seenBefore(secondNewest);

        assertThat(viewModel.newSinceLastVisitProperty().get()).isEqualTo(1);
        viewModel.setOnScreen(true);
        assertThat(viewModel.seenUpToProperty().get()).isEqualTo(newest);
        assertThat(viewModel.newSinceLastVisitProperty().get()).isZero();
        viewModel.seenBefore(secondNewest);
        assertThat(viewModel.seenUpToProperty().get()).as("an older mark never hides what was seen since").isEqualTo(newest);
    }

    @Test
    void aMarkPastEveryAlertIsFromADatabaseMadeAnewAndIsForgotten() {
        viewModel.seenBefore(1_000_000);
        List<Alert> alerts = evaluated();

        assertThat(viewModel.seenUpToProperty().get()).isEqualTo(-1);
        assertThat(viewModel.newSinceLastVisitProperty().get()).isEqualTo(alerts.size());
    }

    @Test
    void openAccountAsksForTheSelectedAccountEveryTime() {
        List<Alert> alerts = evaluated();
        List<String> requests = new ArrayList<>();
        viewModel.openRequestProperty().addListener((o, old, id) -> requests.add(id));
        viewModel.openAccount();
        assertThat(requests).isEmpty();

        viewModel.selectedProperty().set(alerts.get(0));
        viewModel.openAccount();
        viewModel.openAccount();
        assertThat(requests).containsExactly(alerts.get(0).accountId(), null, alerts.get(0).accountId());
    }
}
