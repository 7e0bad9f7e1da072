package com.bellwether.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the state a team shares stands: the newest import, model version, activation, alert, alert status change
 * and adjustment change. Read in one query from keys and a few columns, so a workbench can ask often; two reads that
 * differ mean someone changed something in between, and {@link #changesSince} says what and, where the database
 * records it, who.
 */
public record ChangeStamp(long lastImport, int lastVersion, Integer activeVersion, OffsetDateTime activatedAt,
                          long lastAlert, long statusChanges, OffsetDateTime lastStatusChange, long lastAdjustment) {

    /** One change since an earlier stamp: what happened, and who did it (null where the database does not say). */
    public record Change(String what, String by) {
    }

    public static ChangeStamp read(Database database) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT"
                     + " (SELECT COALESCE(MAX(run_id), 0) FROM import_run),"
                     + " (SELECT COALESCE(MAX(version_no), 0) FROM model_version),"
                     + " (SELECT MAX(version_no) FROM model_version WHERE active),"
                     + " (SELECT MAX(activated_at) FROM model_version WHERE active),"
                     + " (SELECT COALESCE(MAX(alert_id), 0) FROM alert),"
                     + " (SELECT COALESCE(SUM(status_version), 0) FROM alert),"
                     + " (SELECT MAX(status_changed_at) FROM alert),"
                     + " (SELECT COALESCE(MAX(audit_id), 0) FROM adjustment_audit)");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            int active = rs.getInt(3);
            Integer activeVersion = rs.wasNull() ? null : active;
            return new ChangeStamp(rs.getLong(1), rs.getInt(2), activeVersion,
                    rs.getObject(4, OffsetDateTime.class), rs.getLong(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class),
                    rs.getLong(8));
        } catch (SQLException e) {
            throw new StoreException("Cannot read what changed in " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What changed between an earlier stamp and this one, oldest kind first; empty when nothing did. */
    public List<Change> changesSince(ChangeStamp earlier, Database database) {
        List<Change> changes = new ArrayList<>();
        if (equals(earlier)) {
            return changes;
        }
        try (Connection connection = database.connect()) {
            if (lastImport > earlier.lastImport) {
                long runs = lastImport - earlier.lastImport;
                changes.add(new Change(runs == 1 ? "new data was imported" : runs + " imports brought new data", null));
            }
            if (lastVersion > earlier.lastVersion) {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT version_no, name, author FROM model_version WHERE version_no > ? ORDER BY version_no")) {
                    query.setInt(1, earlier.lastVersion);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            changes.add(new Change("model version " + rs.getInt(1) + " (" + rs.getString(2) + ") was saved",
                                    rs.getString(3)));
                        }
                    }
                }
            }
            if (activeVersion != null && (!activeVersion.equals(earlier.activeVersion)
                    || !java.util.Objects.equals(activatedAt, earlier.activatedAt))) {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT activated_by FROM model_version WHERE version_no = ?")) {
                    query.setInt(1, activeVersion);
                    try (ResultSet rs = query.executeQuery()) {
                        changes.add(new Change("model version " + activeVersion + " was made active",
                                rs.next() ? rs.getString(1) : null));
                    }
                }
            }
            if (lastAlert > earlier.lastAlert) {
                long raised;
                try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM alert WHERE alert_id > ?")) {
                    query.setLong(1, earlier.lastAlert);
                    try (ResultSet rs = query.executeQuery()) {
                        rs.next();
                        raised = rs.getLong(1);
                    }
                }
                changes.add(new Change(raised + " new alert" + (raised == 1 ? " was" : "s were") + " raised", null));
            }
            // Counted by the alerts' change counts (the database's), named by their times (each workbench's clock).
            if (statusChanges != earlier.statusChanges) {
                int named = changes.size();
                try (PreparedStatement query = connection.prepareStatement("SELECT status_changed_by, COUNT(*) FROM alert"
                        + " WHERE status_changed_at > ? GROUP BY status_changed_by ORDER BY status_changed_by")) {
                    query.setObject(1, earlier.lastStatusChange == null ? OffsetDateTime.parse("1970-01-01T00:00Z")
                            : earlier.lastStatusChange);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            long n = rs.getLong(2);
                            changes.add(new Change(n == 1 ? "an alert's status was changed" : n + " alerts' statuses were changed",
                                    rs.getString(1)));
                        }
                    }
                }
                if (changes.size() == named) {
                    changes.add(new Change("alerts' statuses were changed", null));
                }
            }
            if (lastAdjustment > earlier.lastAdjustment) {
                try (PreparedStatement query = connection.prepareStatement("SELECT account_id, action, changed_by"
                        + " FROM adjustment_audit WHERE audit_id > ? ORDER BY audit_id")) {
                    query.setLong(1, earlier.lastAdjustment);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            changes.add(new Change("a CSM adjustment on " + rs.getString(1) + " was "
                                    + ("ADD".equals(rs.getString(2)) ? "added" : "removed"), rs.getString(3)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read what changed in " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
        return changes;
    }
}
