package com.bellwether.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.bellwether.store.Database;
import com.bellwether.store.StoreException;

/**
 * The webhook outbox: a message per new alert, kept in the database until a 2xx answer is recorded, so none is lost
 * when the program stops mid-delivery (delivery is at least once; the message id lets receivers drop repeats).
 * A failed or timed-out attempt waits {@code firstRetry}, then twice as long each time, up to {@code longestWait}.
 * Every attempt goes in the delivery log. Also keeps the configured webhook URL.
 */
public final class Outbox {

    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    public static final Duration LONGEST_WAIT = Duration.ofHours(6);
    /**
     * Attempts before a message is given up: with the doubling wait from 30 s that is about 4 hours of trying. A
     * message given up stays in the outbox, marked, and is counted apart from those waiting.
     */
    public static final int MAX_ATTEMPTS = 10;

    static final String URL_SETTING = "webhook.url";

    private final Database database;
    private final Duration firstRetry;
    private final Duration longestWait;
    private final int maxAttempts;

    public Outbox(Database database) {
        this(database, FIRST_RETRY, LONGEST_WAIT);
    }

    public Outbox(Database database, Duration firstRetry, Duration longestWait) {
        this(database, firstRetry, longestWait, MAX_ATTEMPTS);
    }

    public Outbox(Database database, Duration firstRetry, Duration longestWait, int maxAttempts) {
        this.database = database;
        this.firstRetry = firstRetry;
        this.longestWait = longestWait;
        this.maxAttempts = maxAttempts;
    }

    /** Queues a message for each alert not queued before; returns how many were queued. */
    public int enqueue(List<Alert> alerts, WebhookUrl url, Clock clock) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            int queued = 0;
            try {
                for (Alert alert : alerts) {
                    queued += enqueue(connection, alert, url, clock.instant()) ? 1 : 0;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return queued;
        } catch (SQLException e) {
            throw new StoreException("Cannot queue the webhook messages: " + e.getMessage(), e);
        }
    }

    /** Queues the alert's message in the caller's transaction, unless it was queued or delivered before. */
    static boolean enqueue(Connection connection, Alert alert, WebhookUrl url, Instant now) throws SQLException {
        String eventId = WebhookMessage.eventId(alert);
        try (PreparedStatement seen = connection.prepareStatement(
                "SELECT 1 FROM webhook_outbox WHERE event_id = ? UNION ALL"
                        + " SELECT 1 FROM webhook_delivery WHERE event_id = ? AND delivered")) {
            seen.setString(1, eventId);
            seen.setString(2, eventId);
            try (ResultSet rs = seen.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_outbox"
                + " (alert_id, event_id, url, payload, attempts, next_attempt_at, created_at) VALUES (?,?,?,?,0,?,?)")) {
            insert.setLong(1, alert.id());
            insert.setString(2, eventId);
            // Never a password: the target as stored names variables, not values.
            insert.setString(3, url.stored());
            insert.setString(4, WebhookMessage.json(alert));
            insert.setObject(5, utc(now));
            insert.setObject(6, utc(now));
            insert.executeUpdate();
        }
        return true;
    }

    /**
     * Tries every message that is due at the clock's time, oldest first. Before each POST the message's next attempt
     * is moved out by the back-off, so a stop during the POST leaves it to be retried later; a 2xx deletes it in the
     * same transaction that logs the delivery.
     */
    public DeliveryRun deliverDue(WebhookSender sender, Clock clock) {
        List<Due> due = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT outbox_id, alert_id, event_id, url, payload,"
                     + " attempts FROM webhook_outbox WHERE gave_up_at IS NULL AND next_attempt_at <= ?"
                     + " ORDER BY next_attempt_at, outbox_id")) {
            query.setObject(1, utc(clock.instant()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the webhook outbox: " + e.getMessage(), e);
        }
        int attempted = 0;
        int delivered = 0;
        for (Due message : due) {
            int attempt = message.attempts() + 1;
            if (!claim(message, attempt, clock.instant().plus(waitAfter(attempt)))) {
                continue;
            }
            attempted++;
            WebhookUrl url = WebhookUrl.parse(message.url());
            WebhookResponse response = sender.post(url, message.eventId(), message.payload());
            record(message, attempt, response, clock.instant());
            delivered += response.delivered() ? 1 : 0;
        }
        return new DeliveryRun(attempted, delivered, attempted - delivered, pending(), givenUp());
    }

    /** How long to wait after the given failed attempt (1 for the first): doubling from the first retry, capped. */
    Duration waitAfter(int attempt) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempt && wait.compareTo(longestWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    /** Takes the message for this attempt; false when another run took it first. */
    private boolean claim(Due message, int attempt, Instant retryAt) {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE webhook_outbox SET attempts = ?,"
                     + " next_attempt_at = ? WHERE outbox_id = ? AND attempts = ?")) {
            update.setInt(1, attempt);
            update.setObject(2, utc(retryAt));
            update.setLong(3, message.outboxId());
            update.setInt(4, message.attempts());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot update the webhook outbox: " + e.getMessage(), e);
        }
    }

    private void record(Due message, int attempt, WebhookResponse response, Instant at) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement log = connection.prepareStatement("INSERT INTO webhook_delivery (attempted_at,"
                        + " alert_id, event_id, attempt, http_status, error, delivered) VALUES (?,?,?,?,?,?,?)")) {
                    log.setObject(1, utc(at));
                    log.setLong(2, message.alertId());
                    log.setString(3, message.eventId());
                    log.setInt(4, attempt);
                    log.setObject(5, response.status());
                    log.setString(6, clip(response.error()));
                    log.setBoolean(7, response.delivered());
                    log.executeUpdate();
                }
                String sql = response.delivered() ? "DELETE FROM webhook_outbox WHERE outbox_id = ?"
                        : "UPDATE webhook_outbox SET last_error = ?, gave_up_at = ? WHERE outbox_id = ?";
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    if (response.delivered()) {
                        update.setLong(1, message.outboxId());
                    } else {
                        update.setString(1, clip(response.describe()));
                        update.setObject(2, attempt >= maxAttempts ? utc(at) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                        update.setLong(3, message.outboxId());
                    }
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot log the webhook delivery: " + e.getMessage(), e);
        }
    }

    /** Messages still waiting for a 2xx (those given up not counted). */
    public int pending() {
        return count("SELECT COUNT(*) FROM webhook_outbox WHERE gave_up_at IS NULL");
    }

    /** Messages given up after {@link #MAX_ATTEMPTS} failed attempts; they stay in the outbox, marked. */
    public int givenUp() {
        return count("SELECT COUNT(*) FROM webhook_outbox WHERE gave_up_at IS NOT NULL");
    }

    private int count(String sql) {
        try (Connection connection = database.connect();
             PreparedStatement count = connection.prepareStatement(sql);
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the webhook outbox: " + e.getMessage(), e);
        }
    }

    /** The latest delivery attempts, newest first. */
    public List<DeliveryAttempt> deliveryLog(int limit) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT delivery_id, attempted_at, alert_id, event_id,"
                     + " attempt, http_status, error, delivered FROM webhook_delivery"
                     + " ORDER BY attempted_at DESC, delivery_id DESC LIMIT ?")) {
            query.setInt(1, limit);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Object status = rs.getObject(6);
                    attempts.add(new DeliveryAttempt(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getLong(3),
                            rs.getString(4), rs.getInt(5), status == null ? null : ((Number) status).intValue(),
                            rs.getString(7), rs.getBoolean(8)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the webhook delivery log: " + e.getMessage(), e);
        }
    }

    /** The webhook URL saved for the workbench and scheduled runs, if any. */
    public Optional<WebhookUrl> configuredUrl() {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT setting_value FROM app_setting WHERE setting_key = ?")) {
            query.setString(1, URL_SETTING);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(WebhookUrl.parse(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the webhook URL: " + e.getMessage(), e);
        }
    }

    /**
     * Saves the webhook URL; null forgets it. Messages already queued keep the URL they were queued for. A password
     * written in the URL is refused: it would be stored in plain text.
     */
    public void configureUrl(WebhookUrl url) {
        if (url != null && url.hasWrittenPassword()) {
            throw new IllegalArgumentException(WRITTEN_PASSWORD);
        }
        try (Connection connection = database.connect()) {
            if (url == null) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM app_setting WHERE setting_key = ?")) {
                    delete.setString(1, URL_SETTING);
                    delete.executeUpdate();
                }
                return;
            }
            try (PreparedStatement merge = connection.prepareStatement(
                    database.dialect().upsert("app_setting", "setting_key, setting_value", "setting_key"))) {
                merge.setString(1, URL_SETTING);
                merge.setString(2, url.stored());
                merge.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save the webhook URL: " + e.getMessage(), e);
        }
    }

    /** Why a URL with a password written in it is not saved. */
    public static final String WRITTEN_PASSWORD = "a password written in the URL is not saved, as it would be stored in"
            + " plain text: put it in an environment variable and write user:env:VARIABLE@ in its place, or send a header"
            + " from one (Authorization=env:VARIABLE after the URL)";

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private record Due(long outboxId, long alertId, String eventId, String url, String payload, int attempts) {
    }
}
