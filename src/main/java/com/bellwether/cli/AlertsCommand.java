package com.bellwether.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import com.bellwether.alerts.AlertFilter;
import com.bellwether.alerts.AlertRun;
import com.bellwether.alerts.CrmTasks;
import com.bellwether.alerts.DeliveryRun;
import com.bellwether.alerts.WebhookSender;
import com.bellwether.alerts.WebhookUrl;
import com.bellwether.app.ExportSheets;
import com.bellwether.app.Workspace;
import com.bellwether.scoring.Portfolio;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bellwether alerts}: evaluates the active model's alert rules, records them, exports tasks, calls the webhook. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Evaluates the alert rules of the active model as of a date and records the alerts: a rule that"
                + " fires again within its cool-down updates its alert, so running twice adds nothing. Writes the open"
                + " alerts as CRM tasks, and posts each new alert to the webhook (messages that fail are retried, with"
                + " a growing wait, on later runs).")
public final class AlertsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The as-of date (default: the latest day the data is complete for).")
    LocalDate asOf;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the open alerts as CRM tasks to FILE (.csv, .json or .xlsx for Excel).")
    Path out;

    @Option(names = "--webhook", paramLabel = "URL",
            description = {"Post new alerts to this http(s) URL (default: the URL saved in the workbench, if any).",
                    "https://user:password@host/... sends Basic auth; the password is used by this run only and never"
                            + " stored (user:env:VARIABLE@ reads it from an environment variable at each delivery);"
                            + " env:VARIABLE reads the whole URL from one."})
    String webhook;

    @Option(names = "--webhook-header", paramLabel = "NAME=env:VARIABLE",
            description = "Send this header to the webhook, its value read from the environment variable at each"
                    + " delivery (e.g. 'Authorization=env:HOOK_TOKEN'). Repeatable.")
    java.util.List<String> headers = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        WebhookUrl url = null;
        if (webhook != null) {
            try {
                url = WebhookUrl.parse(webhook);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--webhook: " + e.getMessage());
            }
        }
        if (!headers.isEmpty()) {
            if (url == null) {
                throw new ParameterException(spec.commandLine(), "--webhook-header: give the --webhook it is sent to");
            }
            try {
                url = url.withHeaders(headers);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--webhook-header: " + e.getMessage());
            }
        }
        if (out != null) {
            if (!ExportSheets.taskFile(out)) {
                throw new ParameterException(spec.commandLine(), "--out: expected a file ending in .csv, .json or .xlsx, not " + out);
            }
        }
        Workspace workspace = database.open();
        Portfolio portfolio = workspace.portfolio();
        // The date the workbench scores as of: the latest day the data is complete for.
        LocalDate date = asOf != null ? asOf : portfolio.asOfDate();
        if (date == null) {
            throw new IOException("The database at " + workspace.displayName() + " holds no dated data to evaluate");
        }
        if (url == null) {
            url = workspace.configuredWebhook().orElse(null);
        }
        AlertRun.Result result = workspace.evaluateAlerts(date, url);
        if (out != null) {
            ExportSheets.writeTasks(CrmTasks.of(workspace.openAlerts(AlertFilter.ANY)), out, () -> false);
        }
        // Messages queued by earlier runs are retried too, whether or not this run has a URL.
        DeliveryRun delivery = workspace.deliverDueAlerts(WebhookSender.withDefaults().knowing(url));
        spec.commandLine().getOut().println(summary(result, delivery, url));
        return 0;
    }

    static String summary(AlertRun.Result result, DeliveryRun delivery, WebhookUrl url) {
        StringBuilder line = new StringBuilder();
        line.append(result.fired()).append(result.fired() == 1 ? " alert" : " alerts").append(" as of ").append(result.asOf())
                .append(": ").append(result.created().size()).append(" new, ").append(result.updated()).append(" updated; ")
                .append(result.open()).append(" open; ");
        if (url == null && delivery.attempted() == 0) {
            line.append("no webhook");
        } else {
            line.append(delivery.delivered()).append(" sent to the webhook");
            if (url != null) {
                line.append(' ').append(url.redacted());
            }
            if (delivery.pending() > 0) {
                line.append(" (").append(delivery.pending()).append(" waiting for a retry)");
            }
        }
        if (delivery.givenUp() > 0) {
            line.append("; ").append(com.bellwether.domain.Plurals.count(delivery.givenUp(), "message"))
                    .append(" given up after ").append(com.bellwether.alerts.Outbox.MAX_ATTEMPTS)
                    .append(" failed attempts (see the workbench's webhook log)");
        }
        return line.toString();
    }
}
