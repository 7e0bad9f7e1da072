package com.bellwether.alerts;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.bellwether.store.Database;
import com.bellwether.store.StoreException;

/**
 * The recorded alerts. Recording is idempotent: a finding for an account and rule with an alert raised less than the
 * rule's cool-down days away updates that alert (numbers, explanation, last seen) and leaves its status alone;
 * otherwise it raises a new one.
 */
public final class AlertStore {

    private static final String COLUMNS = "alert_id, external_id, account_id, account_name, rule_id, rule_kind, severity,"
            + " raised_on, last_seen, score, score_before, band, band_before, headline, explanation, action, owner, status,"
            + " status_reason, status_changed_at, created_at, updated_at, status_changed_by, status_version";
    private static final String SEVERITY_ORDER =
            "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

    private final Database database;
    private final Clock clock;

    public AlertStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** What recording a set of findings did: the alerts it raised, and how many existing ones it updated. */
    public record Recorded(List<Alert> created, int updated) {
    }

    /**
     * Records the findings in one transaction. New alerts get a webhook message in the same transaction when a URL
     * is given, so an alert is never raised without its message.
     */
    public Recorded record(List<AlertFinding> findings, WebhookUrl webhook) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recordOnce(findings, webhook);
            } catch (StoreException e) {
                // Someone else evaluating the same date raised the same alert first: recorded again, it updates it.
                if (attempt < RECORD_ATTEMPTS && e.getCause() instanceof SQLException sql
                        && com.bellwether.store.Dialect.isDuplicateKey(sql)) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Evaluations of the same date by others that may take an alert's key first before this one records. */
    private static final int RECORD_ATTEMPTS = 3;

    private Recorded recordOnce(List<AlertFinding> findings, WebhookUrl webhook) {
        List<Alert> created = new ArrayList<>();
        int updated = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                for (AlertFinding finding : findings) {
                    Optional<long[]> existing = withinCooldown(connection, finding);
                    if (existing.isPresent()) {
                        update(connection, existing.get()[0], finding, existing.get()[1]);
                        updated++;
                    } else {
                        Alert alert = get(connection, insert(connection, finding)).orElseThrow();
                        recordChange(connection, alert.id(), AlertStatus.NEW, null, alert.createdAt(), null, ORIGIN_WORKBENCH);
                        created.add(alert);
                        if (webhook != null) {
                            Outbox.enqueue(connection, alert, webhook, clock.instant());
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return new Recorded(created, updated);
        } catch (SQLException e) {
            throw new StoreException("Cannot record the alerts: " + e.getMessage(), e);
        }
    }

    /**
     * The alert of the same account and rule raised less than the cool-down away, the nearest (the later of two as
     * near): its id and last-seen epoch day.
     */
    private static Optional<long[]> withinCooldown(Connection connection, AlertFinding finding) throws SQLException {
        int cooldown = finding.rule().cooldownOrDefault();
        try (PreparedStatement query = connection.prepareStatement("SELECT alert_id, last_seen, raised_on FROM alert"
                + " WHERE account_id = ? AND rule_id = ? AND raised_on > ? AND raised_on < ? ORDER BY raised_on DESC")) {
            query.setString(1, finding.accountId());
            query.setString(2, finding.rule().id());
            query.setDate(3, Date.valueOf(finding.asOf().minusDays(cooldown)));
            query.setDate(4, Date.valueOf(finding.asOf().plusDays(cooldown)));
            long asOf = finding.asOf().toEpochDay();
            long[] nearest = null;
            long nearestDistance = Long.MAX_VALUE;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long distance = Math.abs(rs.getDate(3).toLocalDate().toEpochDay() - asOf);
                    if (distance < nearestDistance) {
                        nearest = new long[] {rs.getLong(1), rs.getDate(2).toLocalDate().toEpochDay()};
                        nearestDistance = distance;
                    }
                }
            }
            return Optional.ofNullable(nearest);
        }
    }

    private void update(Connection connection, long id, AlertFinding finding, long lastSeenDay) throws SQLException {
        if (finding.asOf().toEpochDay() < lastSeenDay) {
            return; // an evaluation of an earlier date does not overwrite newer numbers
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert SET last_seen = ?, account_name = ?,"
                + " severity = ?, score = ?, score_before = ?, band = ?, band_before = ?, headline = ?, explanation = ?,"
                + " action = ?, owner = ?, updated_at = ? WHERE alert_id = ?")) {
            update.setDate(1, Date.valueOf(finding.asOf()));
            update.setString(2, finding.accountName());
            update.setString(3, finding.severity().id());
            setDouble(update, 4, finding.score());
            setDouble(update, 5, finding.scoreBefore());
            update.setString(6, finding.band());
            update.setString(7, finding.bandBefore());
            update.setString(8, clip(finding.headline(), 500));
            update.setString(9, clip(finding.explanation(), 4000));
            update.setString(10, clip(finding.action(), 1000));
            update.setString(11, finding.owner());
            update.setObject(12, now());
            update.setLong(13, id);
            update.executeUpdate();
        }
    }

    private long insert(Connection connection, AlertFinding finding) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert (external_id, account_id,"
                + " account_name, rule_id, rule_kind, severity, raised_on, last_seen, score, score_before, band, band_before,"
                + " headline, explanation, action, owner, status, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'NEW',?,?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, Alert.externalId(finding.accountId(), finding.rule().id(), finding.asOf()));
            insert.setString(2, finding.accountId());
            insert.setString(3, finding.accountName());
            insert.setString(4, finding.rule().id());
            insert.setString(5, finding.rule().kind());
            insert.setString(6, finding.severity().id());
            insert.setDate(7, Date.valueOf(finding.asOf()));
            insert.setDate(8, Date.valueOf(finding.asOf()));
            setDouble(insert, 9, finding.score());
            setDouble(insert, 10, finding.scoreBefore());
            insert.setString(11, finding.band());
            insert.setString(12, finding.bandBefore());
            insert.setString(13, clip(finding.headline(), 500));
            insert.setString(14, clip(finding.explanation(), 4000));
            insert.setString(15, clip(finding.action(), 1000));
            insert.setString(16, finding.owner());
            java.time.OffsetDateTime now = now();
            insert.setObject(17, now);
            insert.setObject(18, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Open alerts (new or acknowledged), most severe first, then newest, then by account. */
    public List<Alert> open(AlertFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE status IN ('NEW', 'ACKNOWLEDGED')");
        List<Object> parameters = new ArrayList<>();
        if (filter.owner() != null) {
            sql.append(" AND owner = ?");
            parameters.add(filter.owner());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = ?");
            parameters.add(filter.severity().id());
        }
        if (filter.ruleId() != null) {
            sql.append(" AND rule_id = ?");
            parameters.add(filter.ruleId());
        }
        sql.append(" ORDER BY ").append(SEVERITY_ORDER).append(", raised_on DESC, account_id, rule_id");
        return query(sql.toString(), parameters);
    }

    /** Every alert, whatever its status, newest first. */
    public List<Alert> all() {
        return query("SELECT " + COLUMNS + " FROM alert ORDER BY raised_on DESC, account_id, rule_id", List.of());
    }

    public int countOpen() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM alert WHERE status IN ('NEW', 'ACKNOWLEDGED')")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot count the alerts: " + e.getMessage(), e);
        }
    }

    public Optional<Alert> get(long id) {
        try (Connection connection = database.connect()) {
            return get(connection, id);
        } catch (SQLException e) {
            throw new StoreException("Cannot read alert " + id + ": " + e.getMessage(), e);
        }
    }

    /** The owner has seen the alert. */
    public Alert acknowledge(Alert seen, String by) {
        return changeStatus(seen, AlertStatus.ACKNOWLEDGED, null, by);
    }

    /** The recommended action was taken. */
    public Alert done(Alert seen, String by) {
        return changeStatus(seen, AlertStatus.DONE, null, by);
    }

    /** Not worth acting on, and why (the reason is required: it is how rules get tuned). */
    public Alert dismiss(Alert seen, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A dismissed alert needs a reason");
        }
        return changeStatus(seen, AlertStatus.DISMISSED, reason.strip(), by);
    }

    /**
     * Open alerts move on; a done or dismissed alert stays as it is. The change is written only over the status as
     * {@code seen} had it: when someone changed it since, nothing is written and {@link ChangedSince} says who and when.
     */
    private Alert changeStatus(Alert seen, AlertStatus status, String reason, String by) {
        long id = seen.id();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Alert changed = changeStatus(connection, seen, status, reason, by);
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot change alert " + id + ": " + e.getMessage(), e);
        }
    }

    private Alert changeStatus(Connection connection, Alert seen, AlertStatus status, String reason, String by)
            throws SQLException {
        long id = seen.id();
        Alert alert = get(connection, id).orElseThrow(() -> new IllegalArgumentException("There is no alert " + id));
        if (alert.statusVersion() != seen.statusVersion()) {
            throw ChangedSince.of(alert);
        }
        if (!alert.status().isOpen()) {
            throw new IllegalStateException("Alert " + id + " is already " + alert.status().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        int changed;
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert SET status = ?, status_reason = ?,"
                + " status_changed_at = ?, updated_at = ?, status_changed_by = ?, status_version = status_version + 1"
                + " WHERE alert_id = ? AND status_version = ?")) {
            OffsetDateTime now = now();
            update.setString(1, status.name());
            update.setString(2, clip(reason, 2000));
            update.setObject(3, now);
            update.setObject(4, now);
            update.setString(5, clip(by, 200));
            update.setLong(6, id);
            update.setInt(7, seen.statusVersion());
            changed = update.executeUpdate();
        }
        if (changed == 0) {
            // Changed between the read above and this write.
            throw ChangedSince.of(get(connection, id).orElseThrow());
        }
        Alert now = get(connection, id).orElseThrow();
        recordChange(connection, id, status, by, now.statusChangedAt(), reason, ORIGIN_WORKBENCH);
        return now;
    }

    /** Where a change of an alert's lifecycle came from: the workbench, or a CRM's tasks imported. */
    public static final String ORIGIN_WORKBENCH = "workbench";
    public static final String ORIGIN_IMPORT = "import";

    /** One change of an alert's lifecycle: to what, by whom, when, why (dismissals) and from where. */
    public record StatusChange(AlertStatus status, String changedBy, OffsetDateTime changedAt, String reason,
                               String origin) {
    }

    private static void recordChange(Connection connection, long alertId, AlertStatus status, String by,
                                     OffsetDateTime at, String reason, String origin) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_status_change (alert_id, status,"
                + " changed_by, changed_at, reason, origin) VALUES (?,?,?,?,?,?)")) {
            insert.setLong(1, alertId);
            insert.setString(2, status.name());
            insert.setString(3, clip(by, 200));
            insert.setObject(4, at);
            insert.setString(5, clip(reason, 2000));
            insert.setString(6, origin);
            insert.executeUpdate();
        }
    }

    /** Every change of an alert's lifecycle, oldest first: raised (open), then each move. */
    public List<StatusChange> history(long alertId) {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT status, changed_by, changed_at, reason, origin FROM alert_status_change WHERE alert_id = ?"
                        + " ORDER BY changed_at, change_id")) {
            query.setLong(1, alertId);
            List<StatusChange> changes = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    changes.add(new StatusChange(AlertStatus.valueOf(rs.getString(1)), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getString(5)));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the history of alert " + alertId + ": " + e.getMessage(), e);
        }
    }

    /** An alert's status changed by someone else since it was read: nothing was written. */
    public static final class ChangedSince extends IllegalStateException {

        private final transient Alert now;

        private ChangedSince(Alert now, String message) {
            super(message);
            this.now = now;
        }

        static ChangedSince of(Alert now) {
            String who = now.statusChangedBy() == null ? "someone else" : now.statusChangedBy();
            String when = now.statusChangedAt() == null ? "" : " at " + com.bellwether.store.ChangedAt.text(now.statusChangedAt());
            return new ChangedSince(now, "Alert " + now.id() + " (" + now.accountName() + ", " + now.ruleId()
                    + ") was changed to " + now.status().name().toLowerCase(java.util.Locale.ROOT) + " by " + who + when
                    + "; reload to see it. Nothing was changed.");
        }

        /** The alert as it is now. */
        public Alert now() {
            return now;
        }
    }

    private static Optional<Alert> get(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE alert_id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
            }
        }
    }

    private List<Alert> query(String sql, List<Object> parameters) {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    alerts.add(alert(rs));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the alerts: " + e.getMessage(), e);
        }
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Severity.of(rs.getString(7)), localDate(rs, 8), localDate(rs, 9), doubleOrNull(rs, 10),
                doubleOrNull(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), AlertStatus.valueOf(rs.getString(18)), rs.getString(19),
                rs.getObject(20, OffsetDateTime.class), rs.getObject(21, OffsetDateTime.class),
                rs.getObject(22, OffsetDateTime.class), rs.getString(23), rs.getInt(24));
    }

    private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null || value.isNaN()) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private OffsetDateTime now() {
        return Outbox.utc(clock.instant());
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
