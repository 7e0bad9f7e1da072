package com.bellwether.alerts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;

/** One evaluation as of a date: the model's alert rules applied, the alerts recorded, new ones queued for the webhook. */
public final class AlertRun {

    private AlertRun() {
    }

    /**
     * What an evaluation did: how many rules fired, the alerts it raised, how many it updated, how many are open
     * now, and how many webhook messages it queued.
     */
    public record Result(LocalDate asOf, int fired, List<Alert> created, int updated, int open, int queued) {
    }

    /** Evaluates, records and (when {@code webhook} is not null) queues; running it twice for a date adds nothing. */
    public static Result run(Database database, HealthModel model, Portfolio portfolio, LocalDate asOf,
                             WebhookUrl webhook, Clock clock) {
        return record(database, new AlertEvaluator(model, portfolio).evaluate(asOf), asOf, webhook, clock);
    }

    /** Records findings worked out elsewhere (an evaluation of the accounts that changed) as {@link #run} does. */
    public static Result record(Database database, List<AlertFinding> findings, LocalDate asOf, WebhookUrl webhook,
                                Clock clock) {
        AlertStore store = new AlertStore(database, clock);
        AlertStore.Recorded recorded = store.record(findings, webhook);
        return new Result(asOf, findings.size(), recorded.created(), recorded.updated(), store.countOpen(),
                webhook == null ? 0 : recorded.created().size());
    }
}
