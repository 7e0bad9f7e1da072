package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.bellwether.domain.Note;

/**
 * CSM adjustments (the note table) as the workbench changes them: each add and each remove is written together
 * with its entry in the adjustment trail, in one transaction.
 */
public final class AdjustmentStore {

    /** The audit trail's columns, and the note's as read back (joined to its account's id). */
    private static final String NOTE_COLUMNS = "account_id, note_date, author, adjustment, reason, expires";
    private static final String NOTE_SELECT = "SELECT a.account_id, n.note_date, n.author, n.adjustment, n.reason,"
            + " n.expires FROM note n JOIN account a ON a.account_key = n.account_key";

    private final Database database;

    public AdjustmentStore(Database database) {
        this.database = database;
    }

    /** The account's adjustments, active and expired, oldest first. */
    public List<Note> notes(String accountId) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(NOTE_SELECT
                     + " WHERE a.account_id = ? ORDER BY n.note_date, n.author")) {
            query.setString(1, accountId);
            List<Note> notes = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    notes.add(note(rs));
                }
            }
            return notes;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the adjustments of " + accountId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds an adjustment and records who added it. Refused (IllegalArgumentException) without a reason, beyond
     * ±{@code bound} points, with an expiry not after its date, or when the author already has one on that
     * account and date.
     */
    public void add(Note note, double bound, String changedBy) {
        if (note.reason() == null || note.reason().isBlank()) {
            throw new IllegalArgumentException("An adjustment needs a reason");
        }
        if (Math.abs(note.adjustment()) > bound) {
            throw new IllegalArgumentException("An adjustment may move the score by at most " + Math.round(bound)
                    + " points either way; " + note.adjustment() + " is too far");
        }
        if (note.expires() != null && !note.expires().isAfter(note.date())) {
            throw new IllegalArgumentException("An adjustment must expire after its date, " + note.date());
        }
        Note stored = new Note(note.accountId(), note.date(), note.author(), note.adjustment(), note.reason().strip(),
                note.expires());
        inTransaction("Cannot add the adjustment", connection -> {
            if (find(connection, stored.accountId(), stored.date(), stored.author()).isPresent()) {
                throw new IllegalArgumentException(stored.author() + " already has an adjustment on " + stored.accountId()
                        + " dated " + stored.date() + "; remove it first");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note (account_key, note_date, author,"
                    + " adjustment, reason, expires) SELECT account_key, ?, ?, ?, ?, ? FROM account WHERE account_id = ?")) {
                bindValues(insert, stored);
                insert.setString(6, stored.accountId());
                if (insert.executeUpdate() == 0) {
                    throw new IllegalArgumentException("There is no account " + stored.accountId());
                }
            }
            audit(connection, stored, AdjustmentAudit.Action.ADD, changedBy);
        });
    }

    /** Removes the adjustment the account has from that author on that date, and records who removed it. */
    public void remove(String accountId, LocalDate date, String author, String changedBy) {
        inTransaction("Cannot remove the adjustment", connection -> {
            Optional<Note> found = find(connection, accountId, date, author);
            if (found.isEmpty()) {
                throw removedBefore(connection, accountId, date, author);
            }
            Note stored = found.get();
            int removed;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM note WHERE account_key = (SELECT account_key FROM account WHERE account_id = ?)"
                            + " AND note_date = ? AND author = ?")) {
                delete.setString(1, accountId);
                delete.setDate(2, Date.valueOf(date));
                delete.setString(3, author);
                removed = delete.executeUpdate();
            }
            if (removed == 0) {
                // Removed by someone else between the read and the delete.
                throw removedBefore(connection, accountId, date, author);
            }
            audit(connection, stored, AdjustmentAudit.Action.REMOVE, changedBy);
        });
    }

    /**
     * Why an adjustment to remove is not there: someone removed it first (who and when, from the trail), or there
     * never was one.
     */
    private static RuntimeException removedBefore(Connection connection, String accountId, LocalDate date, String author)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT changed_by, changed_at FROM adjustment_audit"
                + " WHERE account_id = ? AND note_date = ? AND author = ? AND action = 'REMOVE'"
                + " ORDER BY changed_at DESC, audit_id DESC")) {
            query.setString(1, accountId);
            query.setDate(2, Date.valueOf(date));
            query.setString(3, author);
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    java.time.OffsetDateTime at = rs.getObject(2, java.time.OffsetDateTime.class);
                    return new IllegalStateException("The adjustment by " + author + " on " + accountId + " dated " + date
                            + " was removed by " + rs.getString(1) + " at " + ChangedAt.text(at) + "; reload to see it. Nothing was changed.");
                }
            }
        }
        return new IllegalArgumentException("There is no adjustment by " + author + " on " + accountId + " dated " + date);
    }

    /** The account's trail of adds and removes, newest first. */
    public List<AdjustmentAudit> audit(String accountId) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT audit_id, " + NOTE_COLUMNS
                     + ", action, changed_by, changed_at FROM adjustment_audit WHERE account_id = ?"
                     + " ORDER BY changed_at DESC, audit_id DESC")) {
            query.setString(1, accountId);
            List<AdjustmentAudit> entries = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Note note = note(rs, 2);
                    entries.add(new AdjustmentAudit(rs.getLong(1), note.accountId(), note.date(), note.author(),
                            note.adjustment(), note.reason(), note.expires(),
                            AdjustmentAudit.Action.valueOf(rs.getString(8)), rs.getString(9),
                            rs.getObject(10, OffsetDateTime.class)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the adjustment trail of " + accountId + ": " + e.getMessage(), e);
        }
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(String failure, Work work) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(failure + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Note> find(Connection connection, String accountId, LocalDate date, String author)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(NOTE_SELECT
                + " WHERE a.account_id = ? AND n.note_date = ? AND n.author = ?")) {
            query.setString(1, accountId);
            query.setDate(2, Date.valueOf(date));
            query.setString(3, author);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(note(rs)) : Optional.empty();
            }
        }
    }

    private static void audit(Connection connection, Note note, AdjustmentAudit.Action action, String changedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO adjustment_audit (" + NOTE_COLUMNS
                + ", action, changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            bind(insert, note);
            insert.setString(7, action.name());
            insert.setString(8, changedBy);
            insert.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Note note) throws SQLException {
        statement.setString(1, note.accountId());
        bindValues(statement, note, 2);
    }

    /** The note's date, author, points, reason and expiry, from the first parameter on. */
    private static void bindValues(PreparedStatement statement, Note note) throws SQLException {
        bindValues(statement, note, 1);
    }

    private static void bindValues(PreparedStatement statement, Note note, int first) throws SQLException {
        statement.setDate(first, Date.valueOf(note.date()));
        statement.setString(first + 1, note.author());
        statement.setInt(first + 2, note.adjustment());
        statement.setString(first + 3, note.reason());
        if (note.expires() == null) {
            statement.setNull(first + 4, Types.DATE);
        } else {
            statement.setDate(first + 4, Date.valueOf(note.expires()));
        }
    }

    private static Note note(ResultSet rs) throws SQLException {
        return note(rs, 1);
    }

    private static Note note(ResultSet rs, int first) throws SQLException {
        Date expires = rs.getDate(first + 5);
        return new Note(rs.getString(first), rs.getDate(first + 1).toLocalDate(), rs.getString(first + 2),
                rs.getInt(first + 3), rs.getString(first + 4), expires == null ? null : expires.toLocalDate());
    }
}
