package com.bellwether.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stored score snapshots and frozen outcome scores (tables score_snapshot and frozen_score). */
public final class SnapshotStore {

    private static final String SNAPSHOT_COLUMNS = "as_of, account_key, version_no, stage, score, base_score, adjustment,"
            + " band, category_scores, top_reasons";
    /** A snapshot as read back: its account by id. */
    private static final String SNAPSHOT_SELECT = "SELECT s.as_of, a.account_id, s.version_no, s.stage, s.score,"
            + " s.base_score, s.adjustment, s.band, s.category_scores, s.top_reasons FROM score_snapshot s"
            + " JOIN account a ON a.account_key = s.account_key ";
    private static final String FROZEN_COLUMNS = "account_key, outcome_date, event, version_no, as_of, score, band,"
            + " reasons, frozen_at";
    private static final int BATCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> SCORES = new TypeReference<>() {
    };

    private final Database database;

    public SnapshotStore(Database database) {
        this.database = database;
    }

    /**
     * Replaces whatever the version has stored for the dates with the rows, in one transaction: storing the same
     * dates again leaves the same rows, and an account no longer scored at a date loses its old row.
     */
    public void replace(int versionNo, Collection<LocalDate> dates, List<ScoreSnapshot> rows) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM score_snapshot WHERE version_no = ? AND as_of = ?")) {
                    for (LocalDate date : dates) {
                        delete.setInt(1, versionNo);
                        delete.setDate(2, Date.valueOf(date));
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                Map<String, Integer> keys = rows.isEmpty() ? Map.of() : accountKeys(connection);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO score_snapshot (" + SNAPSHOT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    Set<LocalDate> replaced = new HashSet<>(dates);
                    int pending = 0;
                    for (ScoreSnapshot row : rows) {
                        if (row.versionNo() != versionNo || !replaced.contains(row.asOf())) {
                            throw new IllegalArgumentException("A snapshot of " + row.accountId() + " as of " + row.asOf()
                                    + " under version " + row.versionNo() + " is not one being replaced");
                        }
                        insert.setDate(1, Date.valueOf(row.asOf()));
                        insert.setInt(2, accountKey(keys, row.accountId()));
                        insert.setInt(3, row.versionNo());
                        insert.setString(4, row.stage());
                        insert.setDouble(5, row.score());
                        insert.setDouble(6, row.baseScore());
                        insert.setDouble(7, row.adjustment());
                        insert.setString(8, row.band());
                        insert.setString(9, categoryJson(row.categoryScores()));
                        insert.setString(10, row.topReasons());
                        insert.addBatch();
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store the score snapshots: " + e.getMessage(), e);
        }
    }

    /** Every account's snapshot as of a date under a version, by account id. */
    public List<ScoreSnapshot> at(LocalDate asOf, int versionNo) {
        return snapshots("WHERE s.as_of = ? AND s.version_no = ? ORDER BY a.account_id", asOf, versionNo);
    }

    public Optional<ScoreSnapshot> get(String accountId, LocalDate asOf, int versionNo) {
        return snapshots("WHERE a.account_id = ? AND s.as_of = ? AND s.version_no = ?", accountId, asOf, versionNo)
                .stream().findFirst();
    }

    /** Every row, in key order; for checks and exports. */
    public List<ScoreSnapshot> all() {
        return snapshots("ORDER BY s.as_of, a.account_id, s.version_no");
    }

    /** The as-of dates stored under any version from {@code from} to {@code to}, both included, in order. */
    public List<LocalDate> dates(LocalDate from, LocalDate to) {
        return dates("SELECT DISTINCT as_of FROM score_snapshot WHERE as_of BETWEEN ? AND ? ORDER BY as_of", from, to);
    }

    /** The as-of dates stored under a version, in order. */
    public List<LocalDate> dates(int versionNo) {
        return dates("SELECT DISTINCT as_of FROM score_snapshot WHERE version_no = ? ORDER BY as_of", versionNo);
    }

    public long count() {
        return count("SELECT COUNT(*) FROM score_snapshot");
    }

    public long count(int versionNo) {
        return count("SELECT COUNT(*) FROM score_snapshot WHERE version_no = " + versionNo);
    }

    /**
     * Stores the frozen scores not stored yet (by account, outcome date, event and version) and returns how many
     * were new; a frozen score already stored is kept as it is.
     */
    public int freeze(List<FrozenScore> rows) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO frozen_score (" + FROZEN_COLUMNS + ")"
                    + " SELECT ?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM frozen_score"
                    + " WHERE account_key = ? AND outcome_date = ? AND event = ? AND version_no = ?)")) {
                Map<String, Integer> keys = rows.isEmpty() ? Map.of() : accountKeys(connection);
                for (FrozenScore row : rows) {
                    int key = accountKey(keys, row.accountId());
                    insert.setInt(1, key);
                    insert.setDate(2, Date.valueOf(row.outcomeDate()));
                    insert.setString(3, row.event());
                    insert.setInt(4, row.versionNo());
                    insert.setDate(5, Date.valueOf(row.asOf()));
                    if (Double.isNaN(row.score())) {
                        insert.setNull(6, Types.DOUBLE);
                    } else {
                        insert.setDouble(6, row.score());
                    }
                    insert.setString(7, row.band());
                    insert.setString(8, row.reasons());
                    insert.setObject(9, row.frozenAt());
                    insert.setInt(10, key);
                    insert.setDate(11, Date.valueOf(row.outcomeDate()));
                    insert.setString(12, row.event());
                    insert.setInt(13, row.versionNo());
                    insert.addBatch();
                }
                int added = 0;
                for (int count : insert.executeBatch()) {
                    added += Math.max(count, 0);
                }
                connection.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store the frozen scores: " + e.getMessage(), e);
        }
    }

    /** Every frozen score, by account and outcome date. */
    public List<FrozenScore> frozen() {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT a.account_id, f.outcome_date, f.event,"
                     + " f.version_no, f.as_of, f.score, f.band, f.reasons, f.frozen_at FROM frozen_score f"
                     + " JOIN account a ON a.account_key = f.account_key"
                     + " ORDER BY a.account_id, f.outcome_date, f.event, f.version_no");
             ResultSet rs = query.executeQuery()) {
            List<FrozenScore> rows = new ArrayList<>();
            while (rs.next()) {
                Object score = rs.getObject(6);
                rows.add(new FrozenScore(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getInt(4),
                        rs.getDate(5).toLocalDate(), score == null ? Double.NaN : ((Number) score).doubleValue(),
                        rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class)));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the frozen scores: " + e.getMessage(), e);
        }
    }

    private List<ScoreSnapshot> snapshots(String where, Object... parameters) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(SNAPSHOT_SELECT + where)) {
            bind(query, parameters);
            List<ScoreSnapshot> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ScoreSnapshot(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8),
                            categoryScores(rs.getString(9)), rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the score snapshots: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> accountKeys(Connection connection) throws SQLException {
        Map<String, Integer> keys = new java.util.HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT account_id, account_key FROM account");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getInt(2));
            }
        }
        return keys;
    }

    private static int accountKey(Map<String, Integer> keys, String accountId) {
        Integer key = keys.get(accountId);
        if (key == null) {
            throw new IllegalArgumentException("There is no account " + accountId + " to store a score of");
        }
        return key;
    }

    private List<LocalDate> dates(String sql, Object... parameters) {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            List<LocalDate> dates = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getDate(1).toLocalDate());
                }
            }
            return dates;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the score snapshots: " + e.getMessage(), e);
        }
    }

    private long count(String sql) {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot count the score snapshots: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof LocalDate date) {
                statement.setDate(i + 1, Date.valueOf(date));
            } else {
                statement.setObject(i + 1, p);
            }
        }
    }

    /** NaN (no data) is stored as null, as JSON has no NaN. */
    private static String categoryJson(Map<String, Double> scores) {
        Map<String, Double> nullable = new LinkedHashMap<>();
        scores.forEach((id, score) -> nullable.put(id, score == null || score.isNaN() ? null : score));
        try {
            return JSON.writeValueAsString(nullable);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> categoryScores(String json) {
        try {
            Map<String, Double> scores = JSON.readValue(json, SCORES);
            scores.replaceAll((id, score) -> score == null ? Double.NaN : score);
            return scores;
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored snapshot has unreadable category scores: " + e.getMessage(), e);
        }
    }
}
