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
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A model version needs a name");
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
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
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)")) {
            insert.setInt(1, number);
            insert.setString(2, name);
            insert.setString(3, note);
            insert.setString(4, author);
            insert.setObject(5, now);
            insert.setString(6, json);
            insert.setBoolean(7, active);
            insert.executeUpdate();
        }
        return new ModelVersion(number, name, note, author, now, json, active);
    }

    /** Makes the version the active one, and no other. */
    public void activate(int number) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement off = connection.prepareStatement("UPDATE model_version SET active = (version_no = ?)")) {
                off.setInt(1, number);
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM model_version WHERE version_no = ?")) {
                    exists.setInt(1, number);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            connection.rollback();
                            throw new IllegalArgumentException("There is no model version " + number);
                        }
                    }
                }
                off.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot activate model version " + number + ": " + e.getMessage(), e);
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
