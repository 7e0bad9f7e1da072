package com.bellwether.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** The saved model versions. Versions are never changed once saved; exactly one is active once any exists. */
public final class ModelVersionStore {

    private static final String COLUMNS = "version_no, name, note, author, created_at, model_json, active";

    private final Database database;

    public ModelVersionStore(Database database) {
        this.database = database;
    }

    /** Every version, oldest first. */
    public List<ModelVersion> list() {
        return query("SELECT " + COLUMNS + " FROM model_version ORDER BY version_no", null);
    }

    public Optional<ModelVersion> active() {
        return query("SELECT " + COLUMNS + " FROM model_version WHERE active", null).stream().findFirst();
    }

    public Optional<ModelVersion> get(int number) {
        return query("SELECT " + COLUMNS + " FROM model_version WHERE version_no = ?", number).stream().findFirst();
    }

    /**
     * Saves the next version. The JSON is asked for with the new number, so the model can carry it. The first
     * version saved is active whatever {@code activate} says. The number is the database's: the version number is
     * the table's key, so when someone else saves at the same moment and takes the number first, this save is tried
     * again with the next one.
     */
    public ModelVersion save(String name, String note, String author, IntFunction<String> jsonForNumber, boolean activate) {
        return save(name, note, author, jsonForNumber, activate, null);
    }

    /**
     * The same; when the version is to be active and {@code seenActive} is not null, only over that active version:
     * when another was made active since, nothing is saved and {@link ActivatedSince} says which, by whom and when.
     */
    public ModelVersion save(String name, String note, String author, IntFunction<String> jsonForNumber, boolean activate,
                             Integer seenActive) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A model version needs a name");
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    if (activate) {
                        checkActive(connection, seenActive);
                    }
                    ModelVersion saved = insertNext(connection, name.strip(), note == null ? "" : note.strip(), author,
                            jsonForNumber, activate);
                    connection.commit();
                    return saved;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (Dialect.isDuplicateKey(e) && attempt < SAVE_ATTEMPTS) {
                    continue;
                }
                throw new StoreException("Cannot save the model version: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Saves the first version, as number 1, only while there is none: when two programs find an empty table at the
     * same moment, one saves it and the other is told (empty) to read what was saved, rather than saving it twice.
     */
    public Optional<ModelVersion> saveFirst(String name, String note, String author, IntFunction<String> jsonForNumber) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement any = connection.prepareStatement("SELECT COUNT(*) FROM model_version");
                     ResultSet rs = any.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        connection.rollback();
                        return Optional.empty();
                    }
                }
                ModelVersion saved = insertNext(connection, name.strip(), note == null ? "" : note.strip(), author,
                        jsonForNumber, false);
                connection.commit();
                return Optional.of(saved);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw new StoreException("Cannot save the model version: " + e.getMessage(), e);
        }
    }

    /** Saves taken over by others before this one gets a number of its own. */
    private static final int SAVE_ATTEMPTS = 10;

    private static ModelVersion insertNext(Connection connection, String name, String note, String author,
                                           IntFunction<String> jsonForNumber, boolean activate) throws SQLException {
        int number;
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT COALESCE(MAX(version_no), 0) + 1 FROM model_version");
             ResultSet rs = next.executeQuery()) {
            rs.next();
            number = rs.getInt(1);
        }
        boolean active = activate || number == 1;
        // The first version has no other to turn off; asking only when told to activate lets a role that may save
        // versions but not activate them (on a team's server) save.
        if (activate) {
            try (PreparedStatement off = connection.prepareStatement("UPDATE model_version SET active = FALSE WHERE active")) {
                off.executeUpdate();
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String json = jsonForNumber.apply(number);
        String activatedBy = active ? author : null;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version (" + COLUMNS + ", activated_by, activated_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            insert.setInt(1, number);
            insert.setString(2, name);
            insert.setString(3, note);
            insert.setString(4, author);
            insert.setObject(5, now);
            insert.setString(6, json);
            insert.setBoolean(7, active);
            insert.setString(8, activatedBy);
            insert.setObject(9, active ? now : null);
            insert.executeUpdate();
        }
        return new ModelVersion(number, name, note, author, now, json, active);
    }

    /** Makes the version the active one, and no other. */
    public void activate(int number) {
        activate(number, null, null);
    }

    /**
     * Makes the version the active one, and no other, recording who did; when {@code seenActive} is not null, only
     * over that active version: when another was made active since, nothing changes and {@link ActivatedSince} says
     * which, by whom and when.
     */
    public void activate(int number, Integer seenActive, String by) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM model_version WHERE version_no = ?")) {
                    exists.setInt(1, number);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("There is no model version " + number);
                        }
                    }
                }
                checkActive(connection, seenActive);
                try (PreparedStatement off = connection.prepareStatement("UPDATE model_version SET active = (version_no = ?)")) {
                    off.setInt(1, number);
                    off.executeUpdate();
                }
                try (PreparedStatement who = connection.prepareStatement(
                        "UPDATE model_version SET activated_by = ?, activated_at = ? WHERE version_no = ?")) {
                    who.setString(1, by);
                    who.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                    who.setInt(3, number);
                    who.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot activate model version " + number + ": " + e.getMessage(), e);
        }
    }

    /**
     * Locks the active version's row until the transaction ends and checks it is the one seen (nothing to check when
     * none was). Two people activating at once take turns here, and the second is told of the first.
     */
    private static void checkActive(Connection connection, Integer seenActive) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT version_no FROM model_version WHERE active FOR UPDATE");
             ResultSet rs = lock.executeQuery()) {
            Integer now = rs.next() ? rs.getInt(1) : null;
            if (seenActive == null || seenActive.equals(now)) {
                return;
            }
        }
        // Read again: a row made active by another transaction while this one waited is not in the locked read.
        try (PreparedStatement active = connection.prepareStatement(
                "SELECT version_no, name, activated_by, activated_at FROM model_version WHERE active");
             ResultSet rs = active.executeQuery()) {
            if (!rs.next()) {
                throw new ActivatedSince(seenActive, null, null, null, null);
            }
            if (rs.getInt(1) == seenActive) {
                return;
            }
            throw new ActivatedSince(seenActive, rs.getInt(1), rs.getString(2), rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class));
        }
    }

    /** Another version was made active since the one a change was based on: nothing was written. */
    public static final class ActivatedSince extends IllegalStateException {

        ActivatedSince(int seen, Integer now, String name, String by, OffsetDateTime at) {
            super(now == null ? "Model version " + seen + " is no longer active; reload to see the versions. Nothing was changed."
                    : "Model version " + now + " (" + name + ") was made active" + (by == null ? "" : " by " + by)
                    + (at == null ? "" : " at " + ChangedAt.text(at))
                    + " since you read version " + seen + "; reload to see it. Nothing was changed.");
        }
    }

    private List<ModelVersion> query(String sql, Integer parameter) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setInt(1, parameter);
            }
            List<ModelVersion> versions = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    versions.add(new ModelVersion(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getBoolean(7)));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the model versions: " + e.getMessage(), e);
        }
    }
}
