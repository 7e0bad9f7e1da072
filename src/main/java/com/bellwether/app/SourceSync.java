package com.bellwether.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.bellwether.alerts.Alert;
import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.DeliveryRun;
import com.bellwether.alerts.WebhookSender;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.ingest.BundleImporter;
import com.bellwether.ingest.ImportCancelledException;
import com.bellwether.ingest.ImportProblem;
import com.bellwether.ingest.ImportProgress;
import com.bellwether.ingest.ImportReport;
import com.bellwether.ingest.MappingProfile;
import com.bellwether.ingest.SourceDefinition;
import com.bellwether.ingest.SourcePull;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.SourceStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync: each source in turn pulls what is new and imports it all or nothing (its files, cursor and log line in
 * the import's own transaction), a failing source is logged and the next one goes on; then, when anything was
 * imported, the active model's alert rules are evaluated over the portfolio as it now is (only the accounts the
 * imports touched were read and scored again) and due webhook messages are posted.
 */
final class SourceSync {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSync.class);

    private final Workspace workspace;
    private final SourceStore store;
    private final Clock clock;
    private final Map<String, String> environment;
    private final WebhookSender sender;

    SourceSync(Workspace workspace, SourceStore store, Clock clock, Map<String, String> environment, WebhookSender sender) {
        this.workspace = workspace;
        this.store = store;
        this.clock = clock;
        this.environment = environment;
        this.sender = sender;
    }

    SyncReport run(List<SourceStore.StoredSource> sources, ImportProgress progress) {
        long started = System.nanoTime();
        List<SyncReport.SourceResult> results = new ArrayList<>();
        int done = 0;
        for (SourceStore.StoredSource source : sources) {
            int index = done++;
            ImportProgress part = new ImportProgress() {
                @Override
                public void update(String step, double fraction) {
                    progress.update(source.name() + ": " + step,
                            0.9 * (index + Math.max(0, Math.min(1, fraction))) / sources.size());
                }

                @Override
                public boolean isCancelled() {
                    return progress.isCancelled();
                }
            };
            SyncReport.SourceResult result = syncOne(source, part);
            LOG.info("Sync of {}: {}", source.name(), result.line());
            results.add(result);
            if (SyncReport.CANCELLED.equals(result.result())) {
                break;
            }
        }
        AlertRun.Result alerts = null;
        DeliveryRun delivery = new DeliveryRun(0, 0, 0, 0);
        boolean imported = results.stream().anyMatch(r -> SyncReport.IMPORTED.equals(r.result()));
        if (imported && !progress.isCancelled()) {
            progress.update("Evaluating the alert rules", 0.92);
            Portfolio portfolio = workspace.portfolio();
            LocalDate asOf = portfolio.asOfDate();
            if (asOf != null) {
                WebhookUrl url = workspace.configuredWebhook().orElse(null);
                alerts = workspace.evaluateAlerts(workspace.activeModel(), portfolio, asOf, url);
                results = withAlerts(results, alerts.created());
            }
            progress.update("Posting to the webhook", 0.97);
        }
        if (!progress.isCancelled()) {
            delivery = workspace.deliverDueAlerts(sender);
        }
        progress.update("Done", 1);
        return new SyncReport(results, alerts, delivery, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Each new alert counted for the first source (in sync order) that gave its account a record. */
    private static List<SyncReport.SourceResult> withAlerts(List<SyncReport.SourceResult> results, List<Alert> created) {
        Map<String, Integer> counts = new HashMap<>();
        for (Alert alert : created) {
            for (SyncReport.SourceResult result : results) {
                if (result.accounts().contains(alert.accountId())) {
                    counts.merge(result.source(), 1, Integer::sum);
                    break;
                }
            }
        }
        return results.stream().map(r -> new SyncReport.SourceResult(r.source(), r.result(), r.files(), r.rows(),
                r.accounts(), counts.getOrDefault(r.source(), 0), r.error(), r.elapsed())).toList();
    }

    private SyncReport.SourceResult syncOne(SourceStore.StoredSource source, ImportProgress progress) {
        long started = System.nanoTime();
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        String name = source.name();
        SourcePull.Pulled pulled = null;
        try {
            SourceDefinition definition = SourceDefinition.fromJson(source.definition(), name);
            progress.update("Looking for new data", 0);
            pulled = SourceDefinition.FOLDER.equals(definition.kind())
                    ? SourcePull.folder(name, definition, store.seenFiles(name))
                    : SourcePull.query(name, definition, source.cursorValue(), source.cursorType(), environment,
                    progress::isCancelled);
            if (pulled.nothingNew()) {
                store.log(line(name, startedAt, SourceStore.NOTHING_NEW, 0, 0, null, null, null, null));
                return new SyncReport.SourceResult(name, SyncReport.NOTHING_NEW, 0, 0, Set.of(), 0, null, since(started));
            }
            SourcePull.Pulled found = pulled;
            String by = workspace.user();
            BundleImporter.Request request = pulled.request().then((connection, written) ->
                    SourceStore.recordSynced(connection, name, found.files(), found.cursorValue(), found.cursorType(),
                            new SourceStore.LogLine(0, name, startedAt, OffsetDateTime.now(clock), SourceStore.IMPORTED,
                                    found.fileCount(), written.rowsRead(), written.runId(), written.firstDate(),
                                    written.lastDate(), null, by)));
            ImportReport report = workspace.importBundle(request, progress);
            if (!report.succeeded()) {
                String error = problems(report);
                store.log(line(name, startedAt, SourceStore.FAILED, pulled.fileCount(), pulled.rowsFetched(), null, null,
                        null, error));
                return new SyncReport.SourceResult(name, SyncReport.FAILED, pulled.fileCount(), pulled.rowsFetched(),
                        Set.of(), 0, error, since(started));
            }
            long rows = report.files().stream().mapToLong(f -> f.rowsRead()).sum();
            return new SyncReport.SourceResult(name, SyncReport.IMPORTED, pulled.fileCount(), rows, report.accounts(), 0,
                    null, since(started));
        } catch (ImportCancelledException e) {
            store.log(line(name, startedAt, SourceStore.CANCELLED, 0, 0, null, null, null, null));
            return new SyncReport.SourceResult(name, SyncReport.CANCELLED, 0, 0, Set.of(), 0, null, since(started));
        } catch (IOException | RuntimeException e) {
            String error = message(e);
            LOG.warn("Sync of {} failed: {}", name, error, e);
            try {
                store.log(line(name, startedAt, SourceStore.FAILED, 0, 0, null, null, null, error));
            } catch (RuntimeException logFailure) {
                e.addSuppressed(logFailure);
            }
            return new SyncReport.SourceResult(name, SyncReport.FAILED, 0, 0, Set.of(), 0, error, since(started));
        } finally {
            if (pulled != null) {
                pulled.clean();
            }
        }
    }

    private static String message(Exception e) {
        if (e instanceof MappingProfile.InvalidMappingException) {
            return "invalid mapping profile: " + e.getMessage();
        }
        return e.getMessage() == null ? "an unexpected failure (see the log file)" : e.getMessage();
    }

    /** The first problems of a refused import, in one line each. */
    private static String problems(ImportReport report) {
        StringBuilder text = new StringBuilder();
        text.append(report.problemCount()).append(report.problemCount() == 1 ? " problem" : " problems");
        int shown = 0;
        for (ImportProblem problem : report.problems()) {
            if (shown++ == 5) {
                text.append("; …");
                break;
            }
            text.append("; ").append(problem.message());
        }
        return text.toString();
    }

    private SourceStore.LogLine line(String name, OffsetDateTime started, String result, int files, long rows,
                                     Long runId, LocalDate first, LocalDate last, String error) {
        return new SourceStore.LogLine(0, name, started, OffsetDateTime.now(clock), result, files, rows, runId, first,
                last, error, workspace.user());
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
