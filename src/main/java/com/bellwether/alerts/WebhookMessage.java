package com.bellwether.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON posted for a new alert: the alert's fields, an {@code id} receivers de-duplicate on (delivery is at
 * least once), and a {@code text} that Slack and compatible chat webhooks show as the message.
 */
public final class WebhookMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMessage() {
    }

    /** The message id: one per alert raised, the same however often it is sent. */
    public static String eventId(Alert alert) {
        return alert.externalId() + ":raised";
    }

    public static String json(Alert alert) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId(alert));
        payload.put("event", "alert.raised");
        payload.put("alert_id", alert.id());
        payload.put("external_id", alert.externalId());
        payload.put("account_id", alert.accountId());
        payload.put("account_name", alert.accountName());
        payload.put("rule", alert.ruleId());
        payload.put("kind", alert.kind());
        payload.put("severity", alert.severity().id());
        payload.put("as_of", alert.raisedOn().toString());
        payload.put("score", rounded(alert.score()));
        payload.put("score_before", rounded(alert.scoreBefore()));
        payload.put("band", alert.band());
        payload.put("band_before", alert.bandBefore());
        payload.put("headline", alert.headline());
        payload.put("explanation", alert.explanation());
        payload.put("action", alert.action());
        payload.put("owner", alert.owner());
        payload.put("due_date", alert.dueDate().toString());
        payload.put("text", text(alert));
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chat line: severity, account, headline, explanation, then the action and who owns it. */
    static String text(Alert alert) {
        return "[" + alert.severity().id().toUpperCase(java.util.Locale.ROOT) + "] " + alert.accountName() + " ("
                + alert.accountId() + "): " + alert.headline() + "\n" + alert.explanation()
                + (alert.action() == null ? "" : "\n→ " + alert.action())
                + (alert.owner() == null ? "" : " (owner: " + alert.owner() + ")");
    }

    private static Double rounded(Double value) {
        return value == null || value.isNaN() ? null : com.bellwether.store.JsonOutput.rounded(value, 10);
    }
}
