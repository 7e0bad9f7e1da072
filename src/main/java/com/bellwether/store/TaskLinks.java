package com.bellwether.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.bellwether.domain.TaskStatus;

/**
 * Tasks imported from a CRM moving the lifecycle of the alerts they belong to: a task whose id is an alert's external
 * id sets that alert's status (open, in progress, done, dismissed), and the change goes into the alert's history with
 * the task's owner as who changed it. Runs in the import's transaction, so it commits with the tasks or not at all.
 */
public final class TaskLinks {

    /** Who an imported change is recorded as made by when the task names no owner. */
    public static final String CRM = "CRM import";

    private TaskLinks() {
    }

    private record Move(long alertId, String status, String owner, java.time.LocalDate completed, String taskStatus) {
    }

    /** Moves every alert whose task says otherwise than the alert; the number of alerts moved. */
    public static int moveAlerts(Connection connection, OffsetDateTime now) throws SQLException {
        List<Move> moves = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.alert_id, a.status, t.status, t.owner,"
                + " t.completed_date FROM task t JOIN alert a ON a.external_id = t.task_id");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String wanted = alertStatus(TaskStatus.valueOf(rs.getString(3)));
                if (!wanted.equals(rs.getString(2))) {
                    java.sql.Date completed = rs.getDate(5);
                    moves.add(new Move(rs.getLong(1), wanted, rs.getString(4),
                            completed == null ? null : completed.toLocalDate(), rs.getString(3)));
                }
            }
        }
        if (moves.isEmpty()) {
            return 0;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert SET status = ?, status_reason = ?,"
                + " status_changed_at = ?, updated_at = ?, status_changed_by = ?, status_version = status_version + 1"
                + " WHERE alert_id = ?");
             PreparedStatement history = connection.prepareStatement("INSERT INTO alert_status_change (alert_id,"
                     + " status, changed_by, changed_at, reason, origin) VALUES (?,?,?,?,?,'import')")) {
            for (Move move : moves) {
                String by = move.owner() == null ? CRM : move.owner();
                String reason = switch (TaskStatus.valueOf(move.taskStatus())) {
                    case DONE -> "Completed " + move.completed() + " (CRM task)";
                    case DISMISSED -> "Deferred in the CRM";
                    default -> null;
                };
                update.setString(1, move.status());
                update.setString(2, reason);
                update.setObject(3, now);
                update.setObject(4, now);
                update.setString(5, by);
                update.setLong(6, move.alertId());
                update.addBatch();
                history.setLong(1, move.alertId());
                history.setString(2, move.status());
                history.setString(3, by);
                history.setObject(4, now);
                history.setString(5, reason);
                history.addBatch();
            }
            update.executeBatch();
            history.executeBatch();
        }
        return moves.size();
    }

    /** The alert status that a task's lifecycle state is stored as. */
    static String alertStatus(TaskStatus status) {
        return switch (status) {
            case OPEN -> "NEW";
            case IN_PROGRESS -> "ACKNOWLEDGED";
            case DONE -> "DONE";
            case DISMISSED -> "DISMISSED";
        };
    }
}
