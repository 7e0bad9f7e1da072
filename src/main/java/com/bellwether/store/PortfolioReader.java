package com.bellwether.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;
import com.bellwether.domain.UsageDay;

/**
 * Reads a portfolio: streamed row by row into a {@link PortfolioRows} (what the scoring engine does, so the database
 * is never held as records), or collected into a {@link Bundle} (small portfolios, tests).
 */
public final class PortfolioReader {

    private PortfolioReader() {
    }

    /** The whole portfolio as records, each entity ordered by account and date. */
    public static Bundle read(Database database) {
        Bundle bundle = Bundle.empty();
        stream(database, new PortfolioRows() {
            @Override
            public void usageMetrics(java.util.List<String> names) {
                bundle.usageMetrics().addAll(names);
            }

            @Override
            public void account(Account account) {
                bundle.accounts().add(account);
            }

            @Override
            public void accountChange(AccountChange change) {
                bundle.accountChanges().add(change);
            }

            @Override
            public void usage(UsageDay day) {
                bundle.usage().add(day);
            }

            @Override
            public void ticket(Ticket ticket) {
                bundle.tickets().add(ticket);
            }

            @Override
            public void interaction(Interaction interaction) {
                bundle.interactions().add(interaction);
            }

            @Override
            public void survey(Survey survey) {
                bundle.surveys().add(survey);
            }

            @Override
            public void outcome(Outcome outcome) {
                bundle.outcomes().add(outcome);
            }

            @Override
            public void note(Note note) {
                bundle.notes().add(note);
            }
        });
        return bundle;
    }

    /** Streams every row of the portfolio into the receiver, in the order {@link PortfolioRows} promises. */
    public static void stream(Database database, PortfolioRows rows) {
        stream(database, rows, null);
    }

    /**
     * Streams the rows of some accounts only (those of an import, to be read again): each entity is read account by
     * account through its index, so the cost follows the accounts asked for, not the database.
     */
    public static void stream(Database database, PortfolioRows rows, java.util.Collection<String> accountIds) {
        // One snapshot for every entity: read statement by statement, an import committed between two of them would
        // give its accounts' old attributes with their new usage.
        try (Connection connection = database.connectForOneRead(); Statement statement = connection.createStatement()) {
            java.util.List<Integer> keys = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT account_id, name, segment, industry, region, csm,"
                    + " lifecycle_stage, arr, licensed_seats, contract_start, renewal_date, account_key FROM account"
                    + " ORDER BY account_id")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (accountIds != null && !accountIds.contains(id)) {
                        continue;
                    }
                    keys.add(rs.getInt(12));
                    Object arr = rs.getObject(8);
                    Object seats = rs.getObject(9);
                    rows.account(new Account(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            arr == null ? null : ((Number) arr).doubleValue(),
                            seats == null ? null : ((Number) seats).intValue(),
                            date(rs, 10), date(rs, 11)));
                }
            }
            java.util.List<String> metrics = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM usage_metric ORDER BY position")) {
                while (rs.next()) {
                    metrics.add(rs.getString(1));
                }
            }
            rows.usageMetrics(java.util.List.copyOf(metrics));
            int width = metrics.size();
            // Keys ascending: the order the full read gives each entity's rows in.
            java.util.Collections.sort(keys);
            Query query = new Query(connection, statement, accountIds == null ? null : keys);
            query.each("SELECT a.account_id, h.effective_date, h.lifecycle_stage, h.licensed_seats, h.arr, h.csm,"
                    + " h.renewal_date FROM account_history h JOIN account a ON a.account_key = h.account_key", "h",
                    "h.effective_date", rs -> {
                        Object seats = rs.getObject(4);
                        Object arr = rs.getObject(5);
                        rows.accountChange(new AccountChange(rs.getString(1), date(rs, 2), rs.getString(3),
                                seats == null ? null : ((Number) seats).intValue(),
                                arr == null ? null : ((Number) arr).doubleValue(), rs.getString(6), date(rs, 7)));
                    });
            query.each("SELECT a.account_id, u.usage_date, u.metric_values FROM usage_day u"
                    + " JOIN account a ON a.account_key = u.account_key", "u", "u.usage_date", rs -> {
                        Object[] array = (Object[]) rs.getArray(3).getArray();
                        double[] values = new double[width];
                        Arrays.fill(values, Double.NaN);
                        for (int i = 0; i < array.length && i < width; i++) {
                            if (array[i] != null) {
                                values[i] = ((Number) array[i]).doubleValue();
                            }
                        }
                        rows.usage(new UsageDay(rs.getString(1), rs.getDate(2).toLocalDate(), values));
                    });
            query.each("SELECT t.ticket_id, a.account_id, t.opened, t.closed, p.name, t.escalated, t.csat, t.tone FROM ticket t"
                    + " JOIN account a ON a.account_key = t.account_key JOIN ticket_priority p ON p.code = t.priority",
                    "t", "t.opened, t.ticket_id", rs -> {
                        Timestamp closed = rs.getTimestamp(4);
                        Object csat = rs.getObject(7);
                        rows.ticket(new Ticket(rs.getString(1), rs.getString(2),
                                rs.getTimestamp(3).toLocalDateTime(), closed == null ? null : closed.toLocalDateTime(),
                                TicketPriority.valueOf(rs.getString(5)), rs.getBoolean(6),
                                csat == null ? null : ((Number) csat).intValue(), null, null, tone(rs, 8)));
                    });
            query.each("SELECT a.account_id, i.occurred_at, c.name, r.name, k.name, i.tone"
                    + " FROM interaction i JOIN account a ON a.account_key = i.account_key"
                    + " JOIN contact c ON c.contact_key = i.contact_key JOIN stakeholder_role r ON r.code = i.role"
                    + " JOIN interaction_kind k ON k.code = i.kind", "i", "i.occurred_at, i.contact_key, i.kind", rs ->
                    rows.interaction(new Interaction(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(),
                            rs.getString(3), StakeholderRole.valueOf(rs.getString(4)),
                            InteractionKind.valueOf(rs.getString(5)), null, tone(rs, 6))));
            query.each("SELECT a.account_id, s.survey_date, s.nps, s.tone FROM survey s"
                    + " JOIN account a ON a.account_key = s.account_key", "s", "s.survey_date", rs ->
                    rows.survey(new Survey(rs.getString(1), date(rs, 2), rs.getInt(3), null, tone(rs, 4))));
            query.each("SELECT a.account_id, o.outcome_date, e.name, o.arr_change FROM outcome o"
                    + " JOIN account a ON a.account_key = o.account_key JOIN outcome_event e ON e.code = o.event",
                    "o", "o.outcome_date, o.event", rs -> {
                        Object change = rs.getObject(4);
                        rows.outcome(new Outcome(rs.getString(1), date(rs, 2),
                                OutcomeEvent.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                                change == null ? null : ((Number) change).doubleValue()));
                    });
            query.each(NOTES_FROM, "n", "n.note_date, n.author", rs -> rows.note(new Note(rs.getString(1), date(rs, 2),
                    rs.getString(3), rs.getInt(4), rs.getString(5), date(rs, 6))));
        } catch (SQLException e) {
            throw new StoreException("Cannot read the portfolio from " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * One entity's rows: all of them ordered by account and date, or those of the given account keys. The order goes
     * down to each row's key, so that rows of the same account and time come in the same order from any database,
     * however it keeps them.
     */
    private record Query(Connection connection, Statement statement, java.util.List<Integer> keys) {

        void each(String select, String alias, String order, RowHandler handler) throws SQLException {
            if (keys == null) {
                try (ResultSet rs = statement.executeQuery(select + " ORDER BY " + alias + ".account_key, " + order)) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
                return;
            }
            try (java.sql.PreparedStatement one = connection.prepareStatement(select + " WHERE " + alias
                    + ".account_key = ? ORDER BY " + order)) {
                for (int key : keys) {
                    one.setInt(1, key);
                    try (ResultSet rs = one.executeQuery()) {
                        while (rs.next()) {
                            handler.row(rs);
                        }
                    }
                }
            }
        }
    }

    private static final String NOTES_FROM = "SELECT a.account_id, n.note_date, n.author, n.adjustment, n.reason,"
            + " n.expires FROM note n JOIN account a ON a.account_key = n.account_key";

    private static final String NOTES = NOTES_FROM + " ORDER BY n.account_key, n.note_date, n.author";

    /** Only the CSM notes, ordered by account and date (what changes between imports). */
    public static void streamNotes(Database database, java.util.function.Consumer<Note> notes) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(NOTES)) {
            while (rs.next()) {
                notes.accept(new Note(rs.getString(1), date(rs, 2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        date(rs, 6)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the notes of " + database.location().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A record's tone; null when it has no text. Its text is not read: scoring needs the number only. */
    private static Double tone(ResultSet rs, int column) throws SQLException {
        double tone = rs.getDouble(column);
        return rs.wasNull() ? null : tone;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
