package com.bellwether.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The texts of one account (ticket subjects and descriptions, survey comments, interaction summaries) dated within a
 * span: read for that account's explanation only, since the scoring engine holds each text's tone and never its
 * words.
 */
public final class AccountTexts {

    /** The entities that carry text, as a sentiment measure names them. */
    public static final List<String> SOURCES = List.of("tickets", "surveys", "interactions");

    /** One record's text (its parts joined as the tone was computed) with the day it is dated and its tone. */
    public record DatedText(String source, LocalDate date, String text, double tone) {
    }

    private AccountTexts() {
    }

    /** The account's texts from the given sources dated in [from, to], by date; a record without text is left out. */
    public static List<DatedText> read(Database database, String accountId, LocalDate from, LocalDate to,
                                       Collection<String> sources) {
        List<DatedText> texts = new ArrayList<>();
        try (Connection connection = database.connect()) {
            if (sources.contains("tickets")) {
                each(connection, "SELECT t.opened, t.subject, t.description, t.tone FROM ticket t"
                        + " JOIN account a ON a.account_key = t.account_key WHERE a.account_id = ? AND t.tone IS NOT NULL"
                        + " AND t.opened >= ? AND t.opened < ?", accountId, from, to, rs -> texts.add(new DatedText(
                        "tickets", rs.getTimestamp(1).toLocalDateTime().toLocalDate(), join(rs.getString(2),
                        rs.getString(3)), rs.getDouble(4))));
            }
            if (sources.contains("surveys")) {
                each(connection, "SELECT s.survey_date, s.comment, s.tone FROM survey s"
                        + " JOIN account a ON a.account_key = s.account_key WHERE a.account_id = ? AND s.tone IS NOT NULL"
                        + " AND s.survey_date >= ? AND s.survey_date < ?", accountId, from, to, rs -> texts.add(
                        new DatedText("surveys", rs.getDate(1).toLocalDate(), rs.getString(2), rs.getDouble(3))));
            }
            if (sources.contains("interactions")) {
                each(connection, "SELECT i.occurred_at, i.summary, i.tone FROM interaction i"
                        + " JOIN account a ON a.account_key = i.account_key WHERE a.account_id = ? AND i.tone IS NOT NULL"
                        + " AND i.occurred_at >= ? AND i.occurred_at < ?", accountId, from, to, rs -> texts.add(
                        new DatedText("interactions", rs.getTimestamp(1).toLocalDateTime().toLocalDate(),
                                rs.getString(2), rs.getDouble(3))));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the texts of account " + accountId + " from "
                    + database.location().displayName() + ": " + e.getMessage(), e);
        }
        texts.sort(Comparator.comparing(DatedText::date));
        return texts;
    }

    /** A ticket's subject and description as one text, as its tone was computed. */
    private static String join(String subject, String description) {
        if (subject == null || subject.isBlank()) {
            return description == null ? "" : description.strip();
        }
        return description == null || description.isBlank() ? subject.strip() : subject.strip() + ". " + description.strip();
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Rows dated from the first day to the last, both included (as timestamps: from midnight to the next midnight). */
    private static void each(Connection connection, String select, String accountId, LocalDate from, LocalDate to,
                             Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, accountId);
            if (select.contains("survey_date")) {
                statement.setDate(2, java.sql.Date.valueOf(from));
                statement.setDate(3, java.sql.Date.valueOf(to.plusDays(1)));
            } else {
                statement.setTimestamp(2, java.sql.Timestamp.valueOf(from.atStartOfDay()));
                statement.setTimestamp(3, java.sql.Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
