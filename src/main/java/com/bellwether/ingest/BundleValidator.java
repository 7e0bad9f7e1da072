package com.bellwether.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Task;
import com.bellwether.domain.TaskStatus;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.TicketPriority;

/**
 * Turns source tables of the canonical shape into domain records, checking every value: required columns,
 * dates, numbers, ranges, choices, duplicate keys within a file and account ids unknown to both the import
 * and the database. Every problem goes to the log; rows with problems are left out. The records go to a
 * {@link BundleRows} one at a time and are not kept: the keys a file's rows must not repeat are held in a
 * compact {@link KeySet}, so a file of millions of rows is checked in a small heap.
 */
final class BundleValidator {

    private final ProblemLog problems;
    private final LocalDate latestAllowed;
    /** Every account id known, to its number in this import (for the keys). */
    private final Map<String, Integer> knownAccounts;
    private final BooleanSupplier cancelled;
    private final Map<String, Long> rowsRead = new HashMap<>();
    private final Map<String, Integer> usageMetrics = new HashMap<>();
    private final List<String> metricNames = new ArrayList<>();
    private final Map<BundleEntity, Long> records = new EnumMap<>(BundleEntity.class);
    /** Every usage day of the import, with the number of the file that gave it last. */
    private KeySet usageDays = new KeySet();
    private int fileNumber;
    private BundleRows rows = BundleRows.NONE;
    private boolean checkKeys = true;
    private LocalDate firstDate;
    private LocalDate lastDate;

    /**
     * @param existingAccountIds account ids already in the database
     * @param latestAllowed      the latest day a dated record may have (today and a day's slack); contract and
     *                           renewal dates and a note's expiry may be later
     * @param cancelled          polled while reading; true stops the import
     */
    BundleValidator(ProblemLog problems, Set<String> existingAccountIds, LocalDate latestAllowed,
                    BooleanSupplier cancelled) {
        this.problems = problems;
        this.latestAllowed = latestAllowed;
        this.knownAccounts = new HashMap<>();
        existingAccountIds.forEach(id -> knownAccounts.put(id, knownAccounts.size()));
        this.cancelled = cancelled;
    }

    /**
     * Where the records of the rows read next go. With {@code checkKeys} false the keys are not checked again
     * (the files were read and found free of duplicates before) and nothing is counted.
     */
    void sendTo(BundleRows next, boolean checkKeys) {
        this.rows = next;
        this.checkKeys = checkKeys;
        if (!checkKeys) {
            usageDays = null;
        }
    }

    /** The records read so far of an entity: usage days counted once however many files give them. */
    long records(BundleEntity entity) {
        return records.getOrDefault(entity, 0L);
    }

    /** The usage metrics named so far, in the order of the indexes of the values passed on. */
    List<String> usageMetrics() {
        return List.copyOf(metricNames);
    }

    long problemCount() {
        return problems.total();
    }

    /** The first and last date of the dated records read (usage, tickets, interactions, surveys, outcomes). */
    LocalDate firstDate() {
        return firstDate;
    }

    LocalDate lastDate() {
        return lastDate;
    }

    private void dated(LocalDate date) {
        if (firstDate == null || date.isBefore(firstDate)) {
            firstDate = date;
        }
        if (lastDate == null || date.isAfter(lastDate)) {
            lastDate = date;
        }
    }

    private void counted(BundleEntity entity) {
        records.merge(entity, 1L, Long::sum);
    }

    long rowsRead(SourceTable table) {
        return rowsRead.getOrDefault(table.file(), 0L);
    }

    /** Reads one table; accounts tables must come before the tables that refer to them. */
    void read(BundleEntity entity, SourceTable table, Map<String, String> datePatterns) throws IOException {
        if (!table.headerProblems().isEmpty()) {
            table.headerProblems().forEach(problems::add);
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String column : entity.requiredColumns()) {
            if (!table.columns().contains(column)) {
                missing.add(column);
            }
        }
        if (entity == BundleEntity.USAGE && isLongUsage(table) == null) {
            missing.add("at least one metric column (or the long form: metric, value)");
        }
        if (entity == BundleEntity.ACCOUNT_HISTORY && entity.optionalColumns().stream().noneMatch(table.columns()::contains)) {
            missing.add("at least one of " + String.join(", ", entity.optionalColumns()));
        }
        if (!missing.isEmpty()) {
            problems.add(new ImportProblem(table.file(), 1, 0, null, null,
                    "the " + entity.key() + " columns " + String.join(", ", missing) + " in the header ("
                            + (table.columns().isEmpty() ? "the file is empty" : "found: " + String.join(", ", table.columns()))
                            + ")"));
            return;
        }
        if (entity == BundleEntity.USAGE && Boolean.FALSE.equals(isLongUsage(table)) && !metricColumnsFit(table)) {
            return;
        }
        FieldReader fields = new FieldReader(problems, datePatterns, latestAllowed);
        RowReader reader = switch (entity) {
            case ACCOUNTS -> accounts(fields);
            case ACCOUNT_HISTORY -> accountHistory(fields);
            case USAGE -> usage(fields, table);
            case TICKETS -> tickets(fields);
            case INTERACTIONS -> interactions(fields);
            case SURVEYS -> surveys(fields);
            case OUTCOMES -> outcomes(fields);
            case NOTES -> notes(fields);
            case TASKS -> tasks(fields);
        };
        fileNumber++;
        long[] count = {0};
        table.forEachRow(row -> {
            if ((++count[0] & 0x3FF) == 0 && cancelled.getAsBoolean()) {
                throw new ImportCancelledException();
            }
            reader.read(row);
        }, problems);
        rowsRead.merge(table.file(), count[0], Long::sum);
    }

    /** Whether a wide usage file's metric columns have names the database can hold, and few enough of them. */
    private boolean metricColumnsFit(SourceTable table) {
        boolean fit = true;
        List<String> columns = table.columns();
        long metrics = columns.stream().filter(c -> !c.equals("account_id") && !c.equals("date"))
                .filter(c -> !usageMetrics.containsKey(c)).distinct().count();
        if (usageMetrics.size() + metrics > InputLimits.MAX_METRICS) {
            problems.add(new ImportProblem(table.file(), 1, 0, null, null, "at most " + InputLimits.MAX_METRICS
                    + " metric columns in one import (found " + (usageMetrics.size() + metrics) + ")"));
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            String problem = FieldReader.textProblem(columns.get(i), InputLimits.METRIC_NAME_LENGTH);
            if (problem != null) {
                problems.add(new ImportProblem(table.file(), 1, i + 1, null, columns.get(i), "a metric name: " + problem));
                fit = false;
            }
        }
        return fit;
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

    /** The account id of a row when known; null (and a problem) when unknown. */
    private String account(FieldReader fields, SourceRow row) {
        String id = fields.text(row, "account_id");
        if (id == null) {
            return null;
        }
        if (!knownAccounts.containsKey(id)) {
            fields.problem(row, "account_id", id, "the id of an account in accounts.csv or already in the database (unknown account)");
            return null;
        }
        return id;
    }

    /** The key set a file's rows are checked against, or null when keys are not checked. */
    private KeySet keys() {
        return checkKeys ? new KeySet() : null;
    }

    /** Whether the key just built is new to the file; a problem when it is not. */
    private static boolean firstTime(KeySet keys, FieldReader fields, SourceRow row, String column, String what) {
        if (keys == null || keys.add()) {
            return true;
        }
        fields.problem(row, column, row.get(column), "a unique " + what + " (duplicate key)");
        return false;
    }

    /** Starts a key with the account's number in this import. */
    private KeySet keyOf(KeySet keys, String account) {
        return keys == null ? null : keys.begin().number(knownAccounts.get(account));
    }

    private RowReader accounts(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String id = f.text(row, "account_id");
            if (id != null) {
                // Known even if this row has problems, so rows that refer to it do not pile up more of them.
                knownAccounts.putIfAbsent(id, knownAccounts.size());
            }
            String name = f.text(row, "name");
            String segment = f.optionalText(row, "segment");
            String industry = f.optionalText(row, "industry");
            String region = f.optionalText(row, "region");
            String csm = f.optionalText(row, "csm");
            String stage = f.optionalText(row, "lifecycle_stage");
            Double arr = f.nonNegative(row, "arr");
            Integer seats = f.whole(row, "licensed_seats", false, 0, Integer.MAX_VALUE);
            LocalDate start = f.date(row, "contract_start", false);
            LocalDate renewal = f.date(row, "renewal_date", false);
            if (start != null && renewal != null && renewal.isBefore(start)) {
                f.problem(row, "renewal_date", row.get("renewal_date"), "a renewal date on or after contract_start " + start);
                return;
            }
            if (id == null || name == null || (row.get("arr") != null && arr == null)
                    || f.refused(row, "segment", segment) || f.refused(row, "industry", industry)
                    || f.refused(row, "region", region) || f.refused(row, "csm", csm)
                    || f.refused(row, "lifecycle_stage", stage)
                    || (row.get("licensed_seats") != null && seats == null)
                    || (row.get("contract_start") != null && start == null)
                    || (row.get("renewal_date") != null && renewal == null)) {
                return;
            }
            if (keys != null) {
                keys.begin().text(id);
            }
            if (!firstTime(keys, f, row, "account_id", "account_id")) {
                return;
            }
            counted(BundleEntity.ACCOUNTS);
            rows.account(new Account(id, name, segment, industry, region, csm, stage, arr, seats, start, renewal));
        };
    }

    /** Dated rows of account attributes; an empty cell leaves the attribute as it was before the row's date. */
    private RowReader accountHistory(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String account = account(f, row);
            LocalDate effective = f.pastDate(row, "effective_date", true);
            String stage = f.optionalText(row, "lifecycle_stage");
            String csm = f.optionalText(row, "csm");
            Integer seats = f.whole(row, "licensed_seats", false, 0, Integer.MAX_VALUE);
            Double arr = f.nonNegative(row, "arr");
            LocalDate renewal = f.date(row, "renewal_date", false);
            if (account == null || effective == null || (row.get("arr") != null && arr == null)
                    || f.refused(row, "lifecycle_stage", stage) || f.refused(row, "csm", csm)
                    || (row.get("licensed_seats") != null && seats == null)
                    || (row.get("renewal_date") != null && renewal == null)) {
                return;
            }
            if (keys != null) {
                keyOf(keys, account).number(effective.toEpochDay());
            }
            if (firstTime(keys, f, row, "effective_date", "account_id and effective_date")) {
                counted(BundleEntity.ACCOUNT_HISTORY);
                rows.accountChange(new AccountChange(account, effective, stage, seats, arr, csm, renewal));
            }
        };
    }

    private RowReader usage(FieldReader f, SourceTable table) {
        if (Boolean.TRUE.equals(isLongUsage(table))) {
            KeySet keys = keys();
            return row -> {
                String account = account(f, row);
                LocalDate date = f.pastDate(row, "date", true);
                String metric = f.text(row, "metric");
                Double value = f.number(row, "value", true);
                if (account == null || date == null || metric == null || value == null) {
                    return;
                }
                String name = metric.toLowerCase(java.util.Locale.ROOT);
                if (!usageMetrics.containsKey(name) && usageMetrics.size() >= InputLimits.MAX_METRICS) {
                    f.problem(row, "metric", metric, "at most " + InputLimits.MAX_METRICS
                            + " different metrics in one import");
                    return;
                }
                int index = metricIndex(name);
                if (keys != null) {
                    keyOf(keys, account).number(date.toEpochDay()).number(index);
                }
                if (firstTime(keys, f, row, "date", "account_id, date and metric")) {
                    double[] values = new double[index + 1];
                    java.util.Arrays.fill(values, Double.NaN);
                    values[index] = value;
                    if (usageDays != null && keyOf(usageDays, account).number(date.toEpochDay()).put(fileNumber)
                            == Integer.MIN_VALUE) {
                        counted(BundleEntity.USAGE);
                    }
                    dated(date);
                    rows.usage(account, date, values);
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
        return row -> {
            String account = account(f, row);
            LocalDate date = f.pastDate(row, "date", true);
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
            if (!valid) {
                return;
            }
            if (usageDays != null) {
                // One day of usage once per file; a day another file of the import gave too takes both's values.
                int file = keyOf(usageDays, account).number(date.toEpochDay()).put(fileNumber);
                if (file == fileNumber) {
                    f.problem(row, "date", row.get("date"), "a unique account_id and date (duplicate key)");
                    return;
                }
                if (file == Integer.MIN_VALUE) {
                    counted(BundleEntity.USAGE);
                }
            }
            dated(date);
            rows.usage(account, date, values);
        };
    }

    private int metricIndex(String metric) {
        return usageMetrics.computeIfAbsent(metric, m -> {
            metricNames.add(m);
            return metricNames.size() - 1;
        });
    }

    private RowReader tickets(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String id = f.text(row, "ticket_id");
            String account = account(f, row);
            LocalDateTime opened = f.pastDateTime(row, "opened", true);
            LocalDateTime closed = f.pastDateTime(row, "closed", false);
            TicketPriority priority = f.choice(row, "priority", TicketPriority.class, true);
            int before = problemsNow();
            boolean escalated = f.flag(row, "escalated");
            Integer csat = f.whole(row, "csat", false, 1, 5);
            String subject = f.optionalText(row, "subject");
            String description = f.optionalText(row, "description");
            if (opened != null && closed != null && closed.isBefore(opened)) {
                f.problem(row, "closed", row.get("closed"), "a date on or after opened " + opened.toLocalDate());
                return;
            }
            if (id == null || account == null || opened == null || priority == null || problemsNow() > before
                    || (row.get("closed") != null && closed == null) || f.refused(row, "subject", subject)
                    || f.refused(row, "description", description)) {
                return;
            }
            if (keys != null) {
                keys.begin().text(id);
            }
            if (firstTime(keys, f, row, "ticket_id", "ticket_id")) {
                counted(BundleEntity.TICKETS);
                dated(opened.toLocalDate());
                rows.ticket(new Ticket(id, account, opened, closed, priority, escalated, csat, subject, description,
                        TextTone.vader().tone(subject, description)));
            }
        };
    }

    private RowReader interactions(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String account = account(f, row);
            LocalDateTime at = f.pastDateTime(row, "date", true);
            StakeholderRole role = f.choice(row, "role", StakeholderRole.class, true);
            InteractionKind kind = f.choice(row, "kind", InteractionKind.class, true);
            String named = f.optionalText(row, "contact");
            String contact = named == null ? "" : named;
            String summary = f.optionalText(row, "summary");
            if (account == null || at == null || role == null || kind == null || f.refused(row, "contact", named)
                    || f.refused(row, "summary", summary)) {
                return;
            }
            if (keys != null) {
                keyOf(keys, account).number(at.toEpochSecond(java.time.ZoneOffset.UTC)).number(at.getNano())
                        .text(contact).small(kind.ordinal());
            }
            if (firstTime(keys, f, row, "date", "account_id, date, contact and kind")) {
                counted(BundleEntity.INTERACTIONS);
                dated(at.toLocalDate());
                rows.interaction(new Interaction(account, at, contact, role, kind, summary,
                        TextTone.vader().tone(summary)));
            }
        };
    }

    private RowReader surveys(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.pastDate(row, "date", true);
            Integer nps = f.whole(row, "nps", true, 0, 10);
            String comment = f.optionalText(row, "comment");
            if (account == null || date == null || nps == null || f.refused(row, "comment", comment)) {
                return;
            }
            if (keys != null) {
                keyOf(keys, account).number(date.toEpochDay());
            }
            if (firstTime(keys, f, row, "date", "account_id and date")) {
                counted(BundleEntity.SURVEYS);
                dated(date);
                rows.survey(new Survey(account, date, nps, comment, TextTone.vader().tone(comment)));
            }
        };
    }

    private RowReader outcomes(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.pastDate(row, "date", true);
            OutcomeEvent event = f.choice(row, "event", OutcomeEvent.class, true);
            Double change = f.number(row, "arr_change", false);
            if (account == null || date == null || event == null || (row.get("arr_change") != null && change == null)) {
                return;
            }
            if (keys != null) {
                keyOf(keys, account).number(date.toEpochDay()).small(event.ordinal());
            }
            if (firstTime(keys, f, row, "event", "account_id, date and event")) {
                counted(BundleEntity.OUTCOMES);
                dated(date);
                rows.outcome(new Outcome(account, date, event, change));
            }
        };
    }

    private RowReader notes(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String account = account(f, row);
            LocalDate date = f.pastDate(row, "date", true);
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
            if (keys != null) {
                keyOf(keys, account).number(date.toEpochDay()).text(author);
            }
            if (firstTime(keys, f, row, "date", "account_id, date and author")) {
                counted(BundleEntity.NOTES);
                rows.note(new Note(account, date, author, points, reason, expires));
            }
        };
    }

    /** Tasks, keyed by their id; a done task needs its completion date. */
    private RowReader tasks(FieldReader f) {
        KeySet keys = keys();
        return row -> {
            String id = f.text(row, "task_id");
            String account = account(f, row);
            String rule = f.optionalText(row, "rule_id");
            LocalDate created = f.pastDate(row, "created", true);
            String statusText = row.get("status");
            TaskStatus status = TaskStatus.parse(statusText).orElse(null);
            if (status == null) {
                f.problem(row, "status", statusText, TaskStatus.accepted());
            }
            LocalDate completed = f.pastDate(row, "completed", false);
            String owner = f.optionalText(row, "owner");
            if (status == TaskStatus.DONE && row.get("completed") == null) {
                f.problem(row, "completed", null, "the date a done task was completed (required when status is done)");
                return;
            }
            if (created != null && completed != null && completed.isBefore(created)) {
                f.problem(row, "completed", row.get("completed"), "a date on or after created " + created);
                return;
            }
            if (id == null || account == null || created == null || status == null
                    || f.refused(row, "rule_id", rule) || f.refused(row, "owner", owner) || f.refused(row, "task_id", id)
                    || (row.get("completed") != null && completed == null)) {
                return;
            }
            if (keys != null) {
                keys.begin().text(id);
            }
            if (firstTime(keys, f, row, "task_id", "task_id")) {
                counted(BundleEntity.TASKS);
                rows.task(new Task(id, account, rule, created, status, completed, owner));
            }
        };
    }

    private int problemsNow() {
        return (int) Math.min(Integer.MAX_VALUE, problems.total());
    }
}
