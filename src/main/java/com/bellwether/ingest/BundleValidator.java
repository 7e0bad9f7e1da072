package com.bellwether.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.bellwether.domain.Account;
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
 * Turns source tables of the canonical shape into domain records, checking every value: required columns,
 * dates, numbers, ranges, choices, duplicate keys within a file and account ids unknown to both the import
 * and the database. Every problem goes to the log; rows with problems are left out.
 */
final class BundleValidator {

    private final ProblemLog problems;
    private final Map<String, String> knownAccounts;
    private final BooleanSupplier cancelled;
    private final Bundle bundle = Bundle.empty();
    private final Map<String, Long> rowsRead = new HashMap<>();
    private final Map<String, Integer> usageMetrics = new HashMap<>();
    private final Map<UsageKey, UsageDay> usage = new java.util.LinkedHashMap<>();

    /**
     * @param existingAccountIds account ids already in the database
     * @param cancelled          polled while reading; true stops the import
     */
    BundleValidator(ProblemLog problems, Set<String> existingAccountIds, BooleanSupplier cancelled) {
        this.problems = problems;
        this.knownAccounts = new HashMap<>();
        existingAccountIds.forEach(id -> knownAccounts.put(id, id));
        this.cancelled = cancelled;
    }

    /** What was read so far. */
    Bundle bundle() {
        if (bundle.usage().size() != usage.size()) {
            bundle.usage().clear();
            bundle.usage().addAll(usage.values());
        }
        return bundle;
    }

    long rowsRead(SourceTable table) {
        return rowsRead.getOrDefault(table.file(), 0L);
    }

    /** Reads one table; accounts tables must come before the tables that refer to them. */
    void read(BundleEntity entity, SourceTable table, Map<String, String> datePatterns) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String column : entity.requiredColumns()) {
            if (!table.columns().contains(column)) {
                missing.add(column);
            }
        }
        if (entity == BundleEntity.USAGE && isLongUsage(table) == null) {
            missing.add("at least one metric column (or the long form: metric, value)");
        }
        if (!missing.isEmpty()) {
            problems.add(new ImportProblem(table.file(), 1, 0, null, null,
                    "the " + entity.key() + " columns " + String.join(", ", missing)
                            + " in the header (found: " + String.join(", ", table.columns()) + ")"));
            return;
        }
        FieldReader fields = new FieldReader(problems, datePatterns);
        RowReader reader = switch (entity) {
            case ACCOUNTS -> accounts(fields);
            case USAGE -> usage(fields, table);
            case TICKETS -> tickets(fields);
            case INTERACTIONS -> interactions(fields);
            case SURVEYS -> surveys(fields);
            case OUTCOMES -> outcomes(fields);
            case NOTES -> notes(fields);
        };
        long[] count = {0};
        table.forEachRow(row -> {
            if ((++count[0] & 0x3FF) == 0 && cancelled.getAsBoolean()) {
                throw new ImportCancelledException();
            }
            reader.read(row);
        }, problems);
        rowsRead.merge(table.file(), count[0], Long::sum);
    }

    /** True for metric/value usage, false for one column per metric, null when there is no metric at all. */
    private static Boolean isLongUsage(SourceTable table) {
        if (table.columns().contains("metric") && table.columns().contains("value")) {
            return true;
        }
        return table.columns().size() > 2 ? false : null;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(SourceRow row);
    }

    /** The account id of a row, the shared instance when known; null (and a problem) when unknown. */
    private String account(FieldReader fields, SourceRow row) {
        String id = fields.text(row, "account_id");
        if (id == null) {
            return null;
        }
        String known = knownAccounts.get(id);
        if (known == null) {
            fields.problem(row, "account_id", id, "the id of an account in accounts.csv or already in the database (unknown account)");
        }
        return known;
    }

    private static boolean firstTime(Set<Object> keys, Object key, FieldReader fields, SourceRow row, String column, String what) {
        if (keys.add(key)) {
            return true;
        }
        fields.problem(row, column, row.get(column), "a unique " + what + " (duplicate key)");
        return false;
    }

    private RowReader accounts(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String id = f.text(row, "account_id");
            if (id != null) {
                // Known even if this row has problems, so rows that refer to it do not pile up more of them.
                knownAccounts.putIfAbsent(id, id);
            }
            String name = f.text(row, "name");
            Double arr = f.nonNegative(row, "arr");
            Integer seats = f.whole(row, "licensed_seats", false, 0, Integer.MAX_VALUE);
            LocalDate start = f.date(row, "contract_start", false);
            LocalDate renewal = f.date(row, "renewal_date", false);
            if (start != null && renewal != null && renewal.isBefore(start)) {
                f.problem(row, "renewal_date", row.get("renewal_date"), "a renewal date on or after contract_start " + start);
                return;
            }
            if (id == null || name == null || (row.get("arr") != null && arr == null)
                    || (row.get("licensed_seats") != null && seats == null)
                    || (row.get("contract_start") != null && start == null)
                    || (row.get("renewal_date") != null && renewal == null)) {
                return;
            }
            if (!firstTime(keys, id, f, row, "account_id", "account_id")) {
                return;
            }
            bundle.accounts().add(new Account(knownAccounts.get(id), name, row.get("segment"), row.get("industry"),
                    row.get("region"), row.get("csm"), row.get("lifecycle_stage"), arr, seats, start, renewal));
        };
    }

    private RowReader usage(FieldReader f, SourceTable table) {
        if (Boolean.TRUE.equals(isLongUsage(table))) {
            Set<Object> keys = new HashSet<>();
            return row -> {
                String account = account(f, row);
                LocalDate date = f.date(row, "date", true);
                String metric = f.text(row, "metric");
                Double value = f.number(row, "value", true);
                if (account == null || date == null || metric == null || value == null) {
                    return;
                }
                int index = metricIndex(metric.toLowerCase(java.util.Locale.ROOT));
                if (firstTime(keys, List.of(account, date, index), f, row, "date", "account_id, date and metric")) {
                    double[] values = new double[index + 1];
                    java.util.Arrays.fill(values, Double.NaN);
                    values[index] = value;
                    addUsage(account, date, values);
                }
            };
        }
        int[] indexes = new int[table.columns().size()];
        List<String> metrics = new ArrayList<>();
        for (String column : table.columns()) {
            if (!column.equals("account_id") && !column.equals("date")) {
                indexes[metrics.size()] = metricIndex(column);
                metrics.add(column);
            }
        }
        Set<Object> keys = new HashSet<>();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.date(row, "date", true);
            double[] values = new double[usageMetrics.size()];
            java.util.Arrays.fill(values, Double.NaN);
            boolean valid = account != null && date != null;
            for (int m = 0; m < metrics.size(); m++) {
                Double value = f.number(row, metrics.get(m), false);
                if (value == null) {
                    valid &= row.get(metrics.get(m)) == null;
                } else {
                    values[indexes[m]] = value;
                }
            }
            if (valid && firstTime(keys, new UsageKey(account, date), f, row, "date", "account_id and date")) {
                addUsage(account, date, values);
            }
        };
    }

    private record UsageKey(String accountId, LocalDate date) {
    }

    private int metricIndex(String metric) {
        return usageMetrics.computeIfAbsent(metric, m -> {
            bundle.usageMetrics().add(m);
            return bundle.usageMetrics().size() - 1;
        });
    }

    /** Adds a day's values; a day already given by another file of the import takes the values this one has. */
    private void addUsage(String account, LocalDate date, double[] values) {
        UsageKey key = new UsageKey(account, date);
        UsageDay seen = usage.get(key);
        if (seen == null) {
            usage.put(key, new UsageDay(account, date, values));
            return;
        }
        double[] merged = java.util.Arrays.copyOf(seen.values(), Math.max(seen.values().length, values.length));
        for (int i = seen.values().length; i < merged.length; i++) {
            merged[i] = Double.NaN;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                merged[i] = values[i];
            }
        }
        usage.put(key, new UsageDay(account, date, merged));
    }

    private RowReader tickets(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String id = f.text(row, "ticket_id");
            String account = account(f, row);
            LocalDateTime opened = f.dateTime(row, "opened", true);
            LocalDateTime closed = f.dateTime(row, "closed", false);
            TicketPriority priority = f.choice(row, "priority", TicketPriority.class, true);
            int before = problemsNow();
            boolean escalated = f.flag(row, "escalated");
            Integer csat = f.whole(row, "csat", false, 1, 5);
            if (opened != null && closed != null && closed.isBefore(opened)) {
                f.problem(row, "closed", row.get("closed"), "a date on or after opened " + opened.toLocalDate());
                return;
            }
            if (id == null || account == null || opened == null || priority == null || problemsNow() > before
                    || (row.get("closed") != null && closed == null)) {
                return;
            }
            if (firstTime(keys, id, f, row, "ticket_id", "ticket_id")) {
                bundle.tickets().add(new Ticket(id, account, opened, closed, priority, escalated, csat));
            }
        };
    }

    private RowReader interactions(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String account = account(f, row);
            LocalDateTime at = f.dateTime(row, "date", true);
            StakeholderRole role = f.choice(row, "role", StakeholderRole.class, true);
            InteractionKind kind = f.choice(row, "kind", InteractionKind.class, true);
            String contact = row.get("contact") == null ? "" : row.get("contact");
            if (account == null || at == null || role == null || kind == null) {
                return;
            }
            if (firstTime(keys, List.of(account, at, contact, kind), f, row, "date", "account_id, date, contact and kind")) {
                bundle.interactions().add(new Interaction(account, at, contact, role, kind));
            }
        };
    }

    private RowReader surveys(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.date(row, "date", true);
            Integer nps = f.whole(row, "nps", true, 0, 10);
            if (account == null || date == null || nps == null) {
                return;
            }
            if (firstTime(keys, List.of(account, date), f, row, "date", "account_id and date")) {
                bundle.surveys().add(new Survey(account, date, nps));
            }
        };
    }

    private RowReader outcomes(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.date(row, "date", true);
            OutcomeEvent event = f.choice(row, "event", OutcomeEvent.class, true);
            Double change = f.number(row, "arr_change", false);
            if (account == null || date == null || event == null || (row.get("arr_change") != null && change == null)) {
                return;
            }
            if (firstTime(keys, List.of(account, date, event), f, row, "event", "account_id, date and event")) {
                bundle.outcomes().add(new Outcome(account, date, event, change));
            }
        };
    }

    private RowReader notes(FieldReader f) {
        Set<Object> keys = new HashSet<>();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.date(row, "date", true);
            String author = f.text(row, "author");
            Integer points = f.whole(row, "adjustment", true, -100, 100);
            String reason = f.text(row, "reason");
            LocalDate expires = f.date(row, "expires", false);
            if (date != null && expires != null && expires.isBefore(date)) {
                f.problem(row, "expires", row.get("expires"), "a date on or after the note's date " + date);
                return;
            }
            if (account == null || date == null || author == null || points == null || reason == null
                    || (row.get("expires") != null && expires == null)) {
                return;
            }
            if (firstTime(keys, List.of(account, date, author), f, row, "date", "account_id, date and author")) {
                bundle.notes().add(new Note(account, date, author, points, reason, expires));
            }
        };
    }

    private int problemsNow() {
        return (int) Math.min(Integer.MAX_VALUE, problems.total());
    }
}
