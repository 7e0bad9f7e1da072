package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.bellwether.domain.Task;
import com.bellwether.domain.TaskStatus;

/** Reads the tasks: those imported, and the alerts' own tasks as their lifecycle stands. */
public final class TaskStore {

    private TaskStore() {
    }

    /**
     * Every task of the database, each with the rule it acts on: the imported tasks (a task linked to an alert takes
     * the alert's rule when it names none), then each alert that has no imported task, as its task (raised on its
     * date, done on the day its status was last changed to done).
     */
    public static List<Task> all(Database database) {
        List<Task> tasks = new ArrayList<>();
        Set<String> imported = new HashSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT t.task_id, a.account_id, COALESCE(t.rule_id, al.rule_id),"
                    + " t.created_date, t.status, t.completed_date, t.owner FROM task t"
                    + " JOIN account a ON a.account_key = t.account_key"
                    + " LEFT JOIN alert al ON al.external_id = t.task_id ORDER BY t.task_id")) {
                while (rs.next()) {
                    tasks.add(new Task(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4),
                            TaskStatus.valueOf(rs.getString(5)), date(rs, 6), rs.getString(7)));
                    imported.add(rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT external_id, account_id, rule_id, raised_on, status,"
                    + " status_changed_at, status_changed_by FROM alert ORDER BY external_id")) {
                while (rs.next()) {
                    if (imported.contains(rs.getString(1))) {
                        continue;
                    }
                    TaskStatus status = switch (rs.getString(5)) {
                        case "ACKNOWLEDGED" -> TaskStatus.IN_PROGRESS;
                        case "DONE" -> TaskStatus.DONE;
                        case "DISMISSED" -> TaskStatus.DISMISSED;
                        default -> TaskStatus.OPEN;
                    };
                    OffsetDateTime changed = rs.getObject(6, OffsetDateTime.class);
                    LocalDate completed = status == TaskStatus.DONE && changed != null
                            ? changed.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate() : null;
                    if (status == TaskStatus.DONE && completed == null) {
                        continue;
                    }
                    tasks.add(new Task(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4), status,
                            completed, rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the tasks of " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
        return tasks;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
