package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;
import com.bellwether.store.DataVersion;
import com.bellwether.store.Database;
import com.bellwether.store.PortfolioReader;
import com.bellwether.store.PortfolioRows;

/**
 * The portfolio in memory, laid out for fast point-in-time look-ups: per account, every series as primitive columns
 * sorted by day (days as epoch days). Rows are streamed into the columns as they are read ({@link #load}), so no
 * record per row is held for the whole portfolio; usage values are kept as floats wherever that is exact, contacts
 * as indexes into the account's own list of names, and repeated account attributes once. An account's dated
 * attributes (lifecycle stage, seats, ARR, CSM, renewal date) are its own record until its first dated change, then
 * the record as each change left it: changes are rare, so a short array of change days per account finds them.
 */
public final class Portfolio {

    private static final int[] NO_DAYS = new int[0];
    private static final byte[] NO_CODES = new byte[0];
    private static final Account[] NO_ACCOUNTS = new Account[0];
    private static final OutcomeEvent[] EVENTS = OutcomeEvent.values();

    private final List<Account> accounts;
    private final Map<String, Integer> index;
    private final List<String> metrics;
    private final Map<String, Integer> metricIndex = new HashMap<>();
    private final AccountData[] data;
    /** Where measure values computed from this data are kept between runs; null when nowhere. */
    private MeasureCache measureCache;
    /** The {@link #asOfDate} as an epoch day once worked out (MIN_VALUE when there is no data); notes leave it be. */
    private volatile Integer asOfDay;
    /** What kinds of data the portfolio holds at all, once worked out; notes leave it be. */
    private volatile DataSources sources;

    private Portfolio(List<Account> sorted, Map<String, Integer> index, List<String> metrics, AccountData[] data) {
        this.accounts = Collections.unmodifiableList(sorted);
        this.index = index;
        this.metrics = List.copyOf(metrics);
        for (int i = 0; i < this.metrics.size(); i++) {
            metricIndex.put(this.metrics.get(i), i);
        }
        this.data = data;
    }

    private Portfolio(Portfolio source, int changed, AccountData replacement) {
        this.accounts = source.accounts;
        this.index = source.index;
        this.metrics = source.metrics;
        this.metricIndex.putAll(source.metricIndex);
        this.data = source.data.clone();
        this.data[changed] = replacement;
        this.measureCache = source.measureCache;
        this.asOfDay = source.asOfDay;
        this.sources = source.sources;
    }

    /** A portfolio of records already in memory (small portfolios, tests). */
    public static Portfolio of(Bundle bundle) {
        Builder builder = new Builder();
        builder.usageMetrics(bundle.usageMetrics());
        bundle.accounts().forEach(builder::account);
        // The builder takes each entity's rows account by account, in date order, as the database gives them.
        grouped(bundle.accountChanges(), AccountChange::accountId, Comparator.comparing(AccountChange::effective))
                .forEach(builder::accountChange);
        grouped(bundle.usage(), UsageDay::accountId, Comparator.comparing(UsageDay::date)).forEach(builder::usage);
        grouped(bundle.tickets(), Ticket::accountId, Comparator.comparing(Ticket::opened)).forEach(builder::ticket);
        grouped(bundle.interactions(), Interaction::accountId, Comparator.comparing(Interaction::at))
                .forEach(builder::interaction);
        grouped(bundle.surveys(), Survey::accountId, Comparator.comparing(Survey::date)).forEach(builder::survey);
        grouped(bundle.outcomes(), Outcome::accountId, Comparator.comparing(Outcome::date)).forEach(builder::outcome);
        grouped(bundle.notes(), Note::accountId, Comparator.comparing(Note::date)).forEach(builder::note);
        return builder.build();
    }

    /** A portfolio of columns read back from a file; notes come after. */
    static Portfolio of(List<Account> sorted, Map<String, Integer> index, List<String> metrics, AccountData[] data) {
        return new Portfolio(sorted, index, metrics, data);
    }

    /**
     * A copy in which the accounts of {@code read} (read anew from the database) take the place of these, accounts
     * new to this portfolio joining in id order; every other account's columns are shared.
     */
    Portfolio withAccounts(Portfolio read) {
        List<Account> merged = new ArrayList<>(accounts.size() + read.size());
        List<AccountData> columns = new ArrayList<>(accounts.size() + read.size());
        int i = 0;
        int j = 0;
        while (i < accounts.size() || j < read.size()) {
            int order = i == accounts.size() ? 1 : j == read.size() ? -1
                    : accounts.get(i).accountId().compareTo(read.accounts.get(j).accountId());
            if (order < 0) {
                merged.add(accounts.get(i));
                columns.add(data[i++]);
            } else {
                merged.add(read.accounts.get(j));
                columns.add(read.data[j++]);
                if (order == 0) {
                    i++;
                }
            }
        }
        Map<String, Integer> mergedIndex = new HashMap<>(merged.size() * 2);
        for (int a = 0; a < merged.size(); a++) {
            mergedIndex.put(merged.get(a).accountId(), a);
        }
        return new Portfolio(merged, mergedIndex, metrics, columns.toArray(AccountData[]::new));
    }

    /**
     * The portfolio after an import that gave records of the given accounts, without reading the others again: those
     * accounts are read from the database and every other account's columns come from the portfolio as it was
     * before, {@code before} when it is in memory, else the columns kept beside the database for
     * {@code versionBefore} (the {@link #dataVersion} taken before the import). The measure columns kept for the
     * version before are then used for every account but those. Null when neither is there (nothing
     * was read, so nothing is read now either). A full read instead when more than a fifth of the accounts changed
     * or the import named a new usage metric. The result is kept beside the database like a full read.
     */
    public static Portfolio afterImport(Database database, Portfolio before, String versionBefore,
                                        java.util.Collection<String> accountIds) {
        Optional<java.nio.file.Path> file = database.location().file();
        Portfolio previous = before;
        if (previous == null && file.isPresent()) {
            previous = new PortfolioFile(MeasureCache.folderBeside(file.get()), versionBefore).read().orElse(null);
            if (previous != null) {
                previous.readNotes(database);
            }
        }
        if (previous == null) {
            return null;
        }
        if (accountIds.size() * 5L > previous.size()) {
            return load(database);
        }
        Builder part = new Builder();
        PortfolioReader.stream(database, part, accountIds);
        Portfolio read = part.build();
        if (!read.metrics.equals(previous.metrics)) {
            return load(database);
        }
        return keptBeside(database, previous.withAccounts(read), versionBefore, accountIds);
    }

    /**
     * A portfolio after an import, kept beside a database file: its columns written (on their own thread) for the
     * next start, and the measure columns of the data before serving every account the import did not touch.
     */
    private static Portfolio keptBeside(Database database, Portfolio merged, String versionBefore,
                                        java.util.Collection<String> accountIds) {
        Optional<java.nio.file.Path> file = database.location().file();
        if (file.isPresent()) {
            String version = DataVersion.read(database);
            java.nio.file.Path folder = MeasureCache.folderBeside(file.get());
            new PortfolioFile(folder, version).writeLater(merged);
            merged.measureCache = new MeasureCache(folder, version, MeasureCache.MIN_POINTS)
                    .changedSince(versionBefore, java.util.Set.copyOf(accountIds));
        }
        return merged;
    }

    /**
     * The same, given the usage rows the import wrote when it brought nothing else: a portfolio in memory takes them
     * in as the database merged them (metric by metric, a value given replacing the one stored), without reading the
     * accounts again; otherwise as {@link #afterImport(Database, Portfolio, String, java.util.Collection)}.
     */
    public static Portfolio afterImport(Database database, Portfolio before, String versionBefore,
                                        java.util.Collection<String> accountIds,
                                        com.bellwether.ingest.ImportedUsage usage) {
        Portfolio merged = before == null || usage == null ? null : before.withUsage(usage);
        return merged == null ? afterImport(database, before, versionBefore, accountIds)
                : keptBeside(database, merged, versionBefore, accountIds);
    }

    /**
     * A copy with the usage rows merged into the accounts they name; every other account's columns shared. Null when
     * a row names a metric or an account this portfolio does not have (the caller reads the accounts again).
     */
    Portfolio withUsage(com.bellwether.ingest.ImportedUsage usage) {
        int[] metricOf = new int[usage.metrics().size()];
        for (int m = 0; m < metricOf.length; m++) {
            Integer at = metricIndex.get(usage.metrics().get(m));
            if (at == null) {
                return null;
            }
            metricOf[m] = at;
        }
        Map<Integer, List<Integer>> rowsOf = new HashMap<>();
        for (int r = 0; r < usage.rows(); r++) {
            Integer a = index.get(usage.accountId(r));
            if (a == null) {
                return null;
            }
            rowsOf.computeIfAbsent(a, k -> new ArrayList<>()).add(r);
        }
        AccountData[] merged = data.clone();
        int width = metrics.size();
        rowsOf.forEach((a, rows) -> {
            AccountData d = data[a];
            java.util.TreeSet<Integer> daySet = new java.util.TreeSet<>();
            for (int day : d.usageDays) {
                daySet.add(day);
            }
            rows.forEach(r -> daySet.add(usage.day(r)));
            int[] days = daySet.stream().mapToInt(Integer::intValue).toArray();
            int n = days.length;
            double[] values = new double[width * n];
            Arrays.fill(values, Double.NaN);
            for (int i = 0; i < d.usageDays.length; i++) {
                int at = Arrays.binarySearch(days, d.usageDays[i]);
                for (int m = 0; m < width; m++) {
                    values[m * n + at] = d.usage(m, i);
                }
            }
            for (int r : rows) {
                int at = Arrays.binarySearch(days, usage.day(r));
                for (int m = 0; m < metricOf.length; m++) {
                    double v = usage.value(r, m);
                    if (!Double.isNaN(v)) {
                        values[metricOf[m] * n + at] = v;
                    }
                }
            }
            AccountData copy = d.withNotes(d.notes);
            copy.usageValues(days, values);
            copy.findStart();
            merged[a] = copy;
        });
        Portfolio result = new Portfolio(accounts, index, metrics, merged);
        result.measureCache = measureCache;
        return result;
    }

    /** The version of the data as it is now, to hand to {@link #afterImport} once the data changed. */
    public static String dataVersion(Database database) {
        return DataVersion.read(database);
    }

    /** The CSM notes from the database, which the columns of a file leave out (they change between imports). */
    private void readNotes(Database database) {
        Map<Integer, List<Note>> notes = new HashMap<>();
        PortfolioReader.streamNotes(database, note -> {
            Integer a = index.get(note.accountId());
            if (a != null) {
                notes.computeIfAbsent(a, k -> new ArrayList<>()).add(note);
            }
        });
        notes.forEach((a, list) -> data[a].notes(list));
    }

    /** A portfolio made of rows given one at a time, in the order {@link PortfolioRows} promises. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The whole portfolio of a database, streamed into columns.
     *
     * @throws TooLargeForHeap before reading anything, when the portfolio and its scores would not fit the heap
     */
    public static Portfolio load(Database database) {
        HeapEstimate.check(database, Runtime.getRuntime().maxMemory());
        java.util.Optional<java.nio.file.Path> file = database.location().file();
        if (file.isEmpty()) {
            Builder builder = new Builder();
            PortfolioReader.stream(database, builder);
            return builder.build();
        }
        java.nio.file.Path folder = MeasureCache.folderBeside(file.get());
        // The columns kept beside the file, or the rows, and then the notes are read apart: an import committed in
        // between would mix two states of the data. The version is read again after them, and when an import came
        // meanwhile everything is read again, so a reader sees all of an import or none of it.
        for (int attempt = 1; ; attempt++) {
            String version = DataVersion.read(database);
            PortfolioFile columns = new PortfolioFile(folder, version);
            Portfolio portfolio = columns.read().orElse(null);
            boolean fromRows = portfolio == null;
            if (fromRows) {
                Builder builder = new Builder();
                PortfolioReader.stream(database, builder);
                portfolio = builder.build();
            } else {
                portfolio.readNotes(database);
            }
            if (!version.equals(DataVersion.read(database)) && attempt < MAX_READS) {
                continue;
            }
            if (fromRows) {
                columns.write(portfolio);
            }
            portfolio.measureCache = MeasureCache.of(folder, version, MeasureCache.MIN_POINTS);
            return portfolio;
        }
    }

    /** How often a portfolio is read again when imports keep landing while it is read. */
    private static final int MAX_READS = 20;

    private static <T> List<T> grouped(List<T> rows, java.util.function.Function<T, String> account, Comparator<T> order) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T row : rows) {
            groups.computeIfAbsent(account.apply(row), k -> new ArrayList<>()).add(row);
        }
        List<T> all = new ArrayList<>(rows.size());
        for (List<T> group : groups.values()) {
            group.sort(order);
            all.addAll(group);
        }
        return all;
    }

    /**
     * A copy of this portfolio in which one account's CSM notes are the given ones; everything else is shared, so
     * a changed adjustment is scored without reading the portfolio again.
     */
    public Portfolio withNotes(String accountId, List<Note> notes) {
        int a = indexOf(accountId);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        return new Portfolio(this, a, data[a].withNotes(notes));
    }

    public int size() {
        return accounts.size();
    }

    /** Where measure values of this data are kept between runs, if anywhere. */
    Optional<MeasureCache> measureCache() {
        return Optional.ofNullable(measureCache);
    }

    /** The same portfolio keeping measure values in the given cache (tests). */
    Portfolio withMeasureCache(MeasureCache cache) {
        Portfolio copy = new Portfolio(accounts, index, metrics, data);
        copy.measureCache = cache;
        return copy;
    }

    public List<Account> accounts() {
        return accounts;
    }

    /** The account with the attributes it had from its contract start (before any dated change). */
    public Account account(int a) {
        return accounts.get(a);
    }

    /**
     * The account as it stood on a day: the lifecycle stage, licensed seats, ARR, CSM and renewal date in force then,
     * those of its latest dated change on or before the day, else its own.
     */
    public Account account(int a, LocalDate day) {
        return data[a].at((int) day.toEpochDay());
    }

    /** The index of an account id, or -1. */
    public int indexOf(String accountId) {
        return index.getOrDefault(accountId, -1);
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The index of a usage metric, or -1 when no import has given it. */
    public int metricIndex(String metric) {
        return metricIndex.getOrDefault(metric, -1);
    }

    AccountData data(int a) {
        return data[a];
    }

    /** Which sources the data holds at all (usage metrics with a value, tickets, interactions, ...); see {@link AbsentSources}. */
    DataSources sources() {
        DataSources known = sources;
        if (known == null) {
            known = DataSources.of(this);
            sources = known;
        }
        return known;
    }

    /** The epoch days of an account's churns (and contractions, when asked), in order. */
    public int[] churnDays(int a, boolean withContractions) {
        AccountData d = data[a];
        int n = 0;
        int[] days = new int[d.outcomeDays.length];
        for (int i = 0; i < d.outcomeDays.length; i++) {
            OutcomeEvent event = EVENTS[d.outcomeEvents[i]];
            if (event == OutcomeEvent.CHURN || (withContractions && event == OutcomeEvent.CONTRACTION)) {
                days[n++] = d.outcomeDays[i];
            }
        }
        return n == days.length ? days : Arrays.copyOf(days, n);
    }

    /** The epoch days of an account's expansions, in order. */
    public int[] expansionDays(int a) {
        AccountData d = data[a];
        int n = 0;
        int[] days = new int[d.outcomeDays.length];
        for (int i = 0; i < d.outcomeDays.length; i++) {
            if (d.outcomeEvents[i] == OutcomeEvent.EXPANSION.ordinal()) {
                days[n++] = d.outcomeDays[i];
            }
        }
        return n == days.length ? days : Arrays.copyOf(days, n);
    }

    /** The ARR change recorded with an outcome of the account on that day, or null. */
    public Double arrChangeOn(int a, int day, OutcomeEvent event) {
        AccountData d = data[a];
        for (int i = 0; i < d.outcomeDays.length; i++) {
            if (d.outcomeEvents[i] == event.ordinal() && d.outcomeDays[i] == day) {
                return d.outcomeArrChange == null || Double.isNaN(d.outcomeArrChange[i]) ? null : d.outcomeArrChange[i];
            }
        }
        return null;
    }

    /** The account's outcomes (churn, renewal, ...), by date. */
    public List<Outcome> outcomes(int a) {
        AccountData d = data[a];
        List<Outcome> outcomes = new ArrayList<>(d.outcomeDays.length);
        for (int i = 0; i < d.outcomeDays.length; i++) {
            double change = d.outcomeArrChange == null ? Double.NaN : d.outcomeArrChange[i];
            outcomes.add(new Outcome(d.account.accountId(), LocalDate.ofEpochDay(d.outcomeDays[i]),
                    EVENTS[d.outcomeEvents[i]], Double.isNaN(change) ? null : change));
        }
        return Collections.unmodifiableList(outcomes);
    }

    /** The account's CSM notes, by date. */
    public List<Note> notes(int a) {
        return data[a].notes;
    }

    /** The first and last day of any dated data (usage, tickets, interactions, surveys, outcomes); null when none. */
    public LocalDate firstDataDate() {
        int first = Integer.MAX_VALUE;
        for (AccountData d : data) {
            for (int[] days : d.series()) {
                if (days.length > 0) {
                    first = Math.min(first, days[0]);
                }
            }
        }
        return first == Integer.MAX_VALUE ? null : LocalDate.ofEpochDay(first);
    }

    /** The day of the latest dated row of any account (one stray row decides it; see {@link #asOfDate}). */
    public LocalDate lastDataDate() {
        int last = Integer.MIN_VALUE;
        for (AccountData d : data) {
            for (int[] days : d.series()) {
                if (days.length > 0) {
                    last = Math.max(last, days[days.length - 1]);
                }
            }
        }
        return last == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(last);
    }

    /**
     * The latest day the data is complete for: what every screen and command takes as the as-of date when none is
     * given, and where a backtest's data ends. A day is complete when
     * <ol>
     * <li>the accounts with a dated row (usage, ticket opened, interaction, survey, outcome) on the day itself are
     * at least one, and at least half as many as on the same weekday of the four weeks before, on average; and</li>
     * <li>the accounts with a dated row in the 7 days ending on the day are at least half as many as in the busiest
     * 7 days ending in the 13 weeks before.</li>
     * </ol>
     * So a partial last day (only a few accounts loaded yet), a stray row weeks after the rest, or one source's data
     * ending before another's (its accounts are then {@linkplain #staleSince stale}) does not move it. When no day
     * qualifies, the last day of any data; null when there is no dated data.
     */
    public LocalDate asOfDate() {
        Integer day = asOfDay;
        if (day == null) {
            day = completeDataDay();
            asOfDay = day;
        }
        return day == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
    }

    int completeDataDay() {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (AccountData d : data) {
            for (int[] days : d.series()) {
                if (days.length > 0) {
                    first = Math.min(first, days[0]);
                    last = Math.max(last, days[days.length - 1]);
                }
            }
        }
        if (first == Integer.MAX_VALUE) {
            return Integer.MIN_VALUE;
        }
        // A stray row years away (from before dates after today were refused) would make the arrays huge: the rule
        // looks at the latest 5 years of the span only, which holds every day it can choose.
        first = (int) Math.max(first, (long) last - 5 * 366);
        int span = last - first + 1;
        int[] onDay = new int[span];      // accounts with a row on the day
        int[] inWeek = new int[span + 6]; // accounts with a row in the 7 days ending on the day
        // Which account last counted a day (its index + 1), so each account counts once per day and per window
        // whichever of its series give the day. A row counts in the windows ending on its day and the 6 days after;
        // a series (sorted) skips those its previous row already counted in.
        int[] seen = new int[span];
        int[] covered = new int[span + 6];
        for (int a = 0; a < data.length; a++) {
            int stamp = a + 1;
            for (int[] days : data[a].series()) {
                int reach = -1;
                for (int i = AccountData.countUpTo(days, first - 1); i < days.length; i++) {
                    int x = days[i] - first;
                    if (seen[x] != stamp) {
                        seen[x] = stamp;
                        onDay[x]++;
                    }
                    for (int y = Math.max(x, reach + 1); y <= x + 6; y++) {
                        if (covered[y] != stamp) {
                            covered[y] = stamp;
                            inWeek[y]++;
                        }
                    }
                    reach = x + 6;
                }
            }
        }
        for (int i = span - 1; i >= 0; i--) {
            if (onDay[i] == 0) {
                continue;
            }
            int sameWeekday = 0;
            for (int w = 1; w <= 4; w++) {
                sameWeekday += i - 7 * w >= 0 ? onDay[i - 7 * w] : 0;
            }
            if (onDay[i] * 2 * 4 < sameWeekday) {
                continue;
            }
            int busiest = 0;
            for (int j = Math.max(0, i - 91); j <= i - 7; j++) {
                busiest = Math.max(busiest, inWeek[j]);
            }
            if (inWeek[i] * 2 >= busiest) {
                return first + i;
            }
        }
        return last;
    }

    /** An account's data is stale at a date when its last dated row of all is more than this many days before it. */
    public static final int STALE_AFTER_DAYS = 35;

    /**
     * The last day of an account's data when that data stopped arriving before the date: its last dated row of all
     * (usage, ticket opened, interaction, survey, outcome) is more than {@value #STALE_AFTER_DAYS} days before it, and
     * it is {@linkplain #isLive live} at the date.
     * Such an account did not go silent as far as anyone can tell (its source's data simply ends there), so it is
     * scored as of that day rather than as of the date. Null when the account's data is fresh at the date, or when
     * it has no dated row at all. An account that went silent and then churned is not stale before the churn: the
     * churn is a dated row.
     */
    public LocalDate staleSince(int a, LocalDate date) {
        return isStale(a, (int) date.toEpochDay()) ? LocalDate.ofEpochDay(lastDay(a)) : null;
    }

    /** Whether the account is live at the day and its data stale then (see {@link #staleSince}). */
    public boolean isStale(int a, int day) {
        int last = lastDay(a);
        return last != Integer.MIN_VALUE && last < day - STALE_AFTER_DAYS && isLive(a, LocalDate.ofEpochDay(day));
    }

    /** The epoch day of the account's last dated row, MIN_VALUE when it has none. */
    private int lastDay(int a) {
        int last = Integer.MIN_VALUE;
        for (int[] days : data[a].series()) {
            if (days.length > 0) {
                last = Math.max(last, days[days.length - 1]);
            }
        }
        return last;
    }

    /**
     * Live at a day: started (contract start, or the first data when there is none) on or before it, and not
     * churned as of it: the latest churn or reactivation on or before the day is not a churn.
     */
    public boolean isLive(int a, LocalDate day) {
        AccountData d = data[a];
        int t = (int) day.toEpochDay();
        if (d.start == Integer.MAX_VALUE || d.start > t) {
            return false;
        }
        return !churnedAt(a, t);
    }

    boolean churnedAt(int a, int t) {
        AccountData d = data[a];
        boolean churned = false;
        for (int i = 0; i < d.outcomeDays.length && d.outcomeDays[i] <= t; i++) {
            if (d.outcomeEvents[i] == OutcomeEvent.CHURN.ordinal()) {
                churned = true;
            } else if (d.outcomeEvents[i] == OutcomeEvent.REACTIVATION.ordinal()) {
                churned = false;
            }
        }
        return churned;
    }

    /**
     * Per account, its series as sorted primitive columns. Filled once by the {@link Builder}; never changed after
     * (a changed note makes a copy).
     */
    static final class AccountData {

        Account account;
        /** Contract start, else the first day of any data; MAX_VALUE when the account has nothing. */
        int start = Integer.MAX_VALUE;

        /** The days the account's dated attributes changed, in order; empty when they never did. */
        int[] changeDays = NO_DAYS;
        /** The account as it stood from each of those days on. */
        Account[] changed = NO_ACCOUNTS;

        int[] usageDays = NO_DAYS;
        /** The metric values, metric by metric ({@code [m * days + i]}), NaN where the day has no value for it. */
        float[] usageFloats;
        /** The same when some value of the account is not exactly a float; then usageFloats is null. */
        double[] usageDoubles;

        int[] ticketOpened = NO_DAYS;
        int[] ticketClosed = NO_DAYS;     // MAX_VALUE while open
        byte[] ticketPriority = NO_CODES; // TicketPriority ordinal
        boolean[] ticketEscalated = new boolean[0];
        byte[] ticketCsat = NO_CODES;     // 0 when not rated
        /** Per ticket, the tone of its text (-1 to 1, NaN without text); null when no ticket of the account has text. */
        float[] ticketTone;

        int[] interactionDays = NO_DAYS;
        byte[] interactionRole = NO_CODES; // StakeholderRole ordinal
        byte[] interactionKind = NO_CODES; // InteractionKind ordinal
        /** Per interaction, the index of its contact in {@link #contacts}. */
        int[] interactionContact = NO_DAYS;
        String[] contacts = new String[0];
        /** Per interaction, the tone of its summary; null when none has one. */
        float[] interactionTone;

        int[] surveyDays = NO_DAYS;
        byte[] surveyNps = NO_CODES;
        /** Per survey answer, the tone of its comment; null when none has one. */
        float[] surveyTone;

        int[] outcomeDays = NO_DAYS;
        byte[] outcomeEvents = NO_CODES;  // OutcomeEvent ordinal
        double[] outcomeArrChange;        // NaN where none was given; null when the account has no outcome with one

        int[] noteDays = NO_DAYS;
        int[] noteExpires = NO_DAYS;      // MAX_VALUE when it never expires
        int[] notePoints = NO_DAYS;
        List<Note> notes = List.of();

        AccountData(Account account) {
            this.account = account;
        }

        /** The account as it stood on day t: as its latest change on or before t left it, else its own record. */
        Account at(int t) {
            int i = countUpTo(changeDays, t);
            return i == 0 ? account : changed[i - 1];
        }

        /**
         * The account's dated changes, given in date order on their days, as the account each one leaves; a change
         * that leaves every value as it was takes no day.
         */
        void changes(int[] days, List<AccountChange> rows) {
            int[] kept = new int[days.length];
            Account[] states = new Account[days.length];
            Account state = account;
            int n = 0;
            for (int i = 0; i < days.length; i++) {
                Account next = rows.get(i).applyTo(state);
                if (!next.equals(state)) {
                    kept[n] = days[i];
                    states[n++] = next;
                    state = next;
                }
            }
            changeDays = n == 0 ? NO_DAYS : Arrays.copyOf(kept, n);
            changed = n == 0 ? NO_ACCOUNTS : Arrays.copyOf(states, n);
        }

        /** The value of metric m on the account's i-th usage day; NaN when the day has none. */
        double usage(int m, int i) {
            return usageFloats != null ? usageFloats[m * usageDays.length + i] : usageDoubles[m * usageDays.length + i];
        }

        /** The sum of metric m's values on usage days [lo, hi), and their count in {@code count[0]}. */
        double usageSum(int m, int lo, int hi, int[] count) {
            double sum = 0;
            int n = 0;
            for (int i = lo; i < hi; i++) {
                double v = usage(m, i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            count[0] = n;
            return sum;
        }

        void usageValues(int[] days, double[] values) {
            this.usageDays = days;
            boolean exact = true;
            for (int i = 0; i < values.length && exact; i++) {
                double v = values[i];
                exact = Double.isNaN(v) || (double) (float) v == v;
            }
            if (exact) {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                usageFloats = floats;
                usageDoubles = null;
            } else {
                usageFloats = null;
                usageDoubles = values;
            }
        }

        AccountData withNotes(List<Note> replacement) {
            AccountData copy = new AccountData(account);
            copy.start = start;
            copy.changeDays = changeDays;
            copy.changed = changed;
            copy.usageDays = usageDays;
            copy.usageFloats = usageFloats;
            copy.usageDoubles = usageDoubles;
            copy.ticketOpened = ticketOpened;
            copy.ticketClosed = ticketClosed;
            copy.ticketPriority = ticketPriority;
            copy.ticketEscalated = ticketEscalated;
            copy.ticketCsat = ticketCsat;
            copy.ticketTone = ticketTone;
            copy.interactionTone = interactionTone;
            copy.surveyTone = surveyTone;
            copy.interactionDays = interactionDays;
            copy.interactionRole = interactionRole;
            copy.interactionKind = interactionKind;
            copy.interactionContact = interactionContact;
            copy.contacts = contacts;
            copy.surveyDays = surveyDays;
            copy.surveyNps = surveyNps;
            copy.outcomeDays = outcomeDays;
            copy.outcomeEvents = outcomeEvents;
            copy.outcomeArrChange = outcomeArrChange;
            copy.notes(replacement);
            return copy;
        }

        void notes(List<Note> notes) {
            List<Note> sorted = new ArrayList<>(notes);
            sorted.sort(Comparator.comparing(Note::date));
            this.notes = List.copyOf(sorted);
            this.noteDays = this.notes.stream().mapToInt(x -> (int) x.date().toEpochDay()).toArray();
            this.noteExpires = this.notes.stream()
                    .mapToInt(x -> x.expires() == null ? Integer.MAX_VALUE : (int) x.expires().toEpochDay()).toArray();
            this.notePoints = this.notes.stream().mapToInt(Note::adjustment).toArray();
        }

        /** The series of signals (what measures read), each sorted. */
        int[][] signals() {
            return new int[][] {usageDays, ticketOpened, interactionDays, surveyDays};
        }

        /** The dated series, each sorted. */
        int[][] series() {
            return new int[][] {usageDays, ticketOpened, interactionDays, surveyDays, outcomeDays};
        }

        void findStart() {
            int first = Integer.MAX_VALUE;
            if (account.contractStart() != null) {
                first = (int) account.contractStart().toEpochDay();
            } else {
                for (int[] days : new int[][] {usageDays, ticketOpened, interactionDays, surveyDays, outcomeDays}) {
                    if (days.length > 0) {
                        first = Math.min(first, days[0]);
                    }
                }
            }
            this.start = first;
        }

        /** The number of days in the sorted array that are on or before t. */
        static int countUpTo(int[] days, int t) {
            int lo = 0;
            int hi = days.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (days[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * Lays streamed rows out as columns: each entity's rows of one account are gathered in a buffer the size of that
     * account's rows and turned into exact-size arrays when the next account's rows begin; a row of an account not
     * in the portfolio is dropped. Repeated account attributes (segment, CSM, ...) are kept once.
     */
    public static final class Builder implements PortfolioRows {

        private final List<Account> accounts = new ArrayList<>();
        private final Map<String, String> attributes = new HashMap<>();
        private List<String> metrics = List.of();
        private Map<String, Integer> index;
        private AccountData[] data;

        private final Series history = new Series("account history");
        private final Series usage = new Series("usage");
        private final Series tickets = new Series("tickets");
        private final Series interactions = new Series("interactions");
        private final Series surveys = new Series("surveys");
        private final Series outcomes = new Series("outcomes");
        private final Series notes = new Series("notes");
        private Series open;

        private double[] usageValues = new double[64];
        private final Map<String, Integer> contactIndex = new HashMap<>();
        private final List<String> contactNames = new ArrayList<>();
        private final List<Note> noteRows = new ArrayList<>();
        private final List<AccountChange> changeRows = new ArrayList<>();

        @Override
        public void usageMetrics(List<String> names) {
            metrics = List.copyOf(names);
        }

        @Override
        public void account(Account account) {
            if (data != null) {
                throw new IllegalStateException("Account " + account.accountId() + " after the accounts' series began");
            }
            accounts.add(new Account(account.accountId(), account.name(), shared(account.segment()),
                    shared(account.industry()), shared(account.region()), shared(account.csm()),
                    shared(account.lifecycleStage()), account.arr(), account.licensedSeats(), account.contractStart(),
                    account.renewalDate()));
        }

        private String shared(String value) {
            return value == null ? null : attributes.computeIfAbsent(value, v -> v);
        }

        private void index() {
            if (data != null) {
                return;
            }
            accounts.sort(Comparator.comparing(Account::accountId));
            index = new HashMap<>(accounts.size() * 2);
            data = new AccountData[accounts.size()];
            for (int a = 0; a < data.length; a++) {
                index.put(accounts.get(a).accountId(), a);
                data[a] = new AccountData(accounts.get(a));
            }
        }

        /** The account the row belongs to, with the buffers of the previous one turned into columns; -1 to drop it. */
        private int row(Series series, String accountId) {
            index();
            if (open != series || !Objects.equals(series.accountId, accountId)) {
                flush();
                Integer a = accountId == null ? null : index.get(accountId);
                series.begin(accountId, a == null ? -1 : a, data.length);
                open = series;
            }
            return series.account;
        }

        @Override
        public void accountChange(AccountChange change) {
            if (row(history, change.accountId()) < 0) {
                return;
            }
            history.day(history.size, (int) change.effective().toEpochDay());
            changeRows.add(new AccountChange(change.accountId(), change.effective(), shared(change.lifecycleStage()),
                    change.licensedSeats(), change.arr(), shared(change.csm()), change.renewalDate()));
        }

        @Override
        public void usage(UsageDay day) {
            if (row(usage, day.accountId()) < 0) {
                return;
            }
            int width = metrics.size();
            int n = usage.size;
            usage.day(n, (int) day.date().toEpochDay());
            if ((n + 1) * width > usageValues.length) {
                usageValues = Arrays.copyOf(usageValues, Math.max(usageValues.length * 2, (n + 1) * width));
            }
            for (int m = 0; m < width; m++) {
                usageValues[n * width + m] = day.value(m);
            }
        }

        @Override
        public void ticket(Ticket ticket) {
            if (row(tickets, ticket.accountId()) < 0) {
                return;
            }
            int n = tickets.size;
            tickets.day(n, (int) ticket.opened().toLocalDate().toEpochDay());
            tickets.ints(n, ticket.closed() == null ? Integer.MAX_VALUE : (int) ticket.closed().toLocalDate().toEpochDay());
            tickets.codes(n, ticket.priority().ordinal(), ticket.escalated() ? 1 : 0,
                    ticket.csat() == null ? 0 : ticket.csat());
            tickets.value(n, ticket.tone() == null ? Double.NaN : ticket.tone());
        }

        @Override
        public void interaction(Interaction interaction) {
            if (row(interactions, interaction.accountId()) < 0) {
                return;
            }
            int n = interactions.size;
            interactions.day(n, (int) interaction.at().toLocalDate().toEpochDay());
            Integer contact = contactIndex.get(interaction.contact());
            if (contact == null) {
                contact = contactNames.size();
                contactIndex.put(interaction.contact(), contact);
                contactNames.add(interaction.contact());
            }
            interactions.ints(n, contact);
            interactions.codes(n, interaction.role().ordinal(), interaction.kind().ordinal(), 0);
            interactions.value(n, interaction.tone() == null ? Double.NaN : interaction.tone());
        }

        @Override
        public void survey(Survey survey) {
            if (row(surveys, survey.accountId()) < 0) {
                return;
            }
            int n = surveys.size;
            surveys.day(n, (int) survey.date().toEpochDay());
            surveys.codes(n, survey.nps(), 0, 0);
            surveys.value(n, survey.tone() == null ? Double.NaN : survey.tone());
        }

        @Override
        public void outcome(Outcome outcome) {
            if (row(outcomes, outcome.accountId()) < 0) {
                return;
            }
            int n = outcomes.size;
            outcomes.day(n, (int) outcome.date().toEpochDay());
            outcomes.codes(n, outcome.event().ordinal(), 0, 0);
            outcomes.value(n, outcome.arrChange() == null ? Double.NaN : outcome.arrChange());
        }

        @Override
        public void note(Note note) {
            if (row(notes, note.accountId()) < 0) {
                return;
            }
            notes.day(notes.size, (int) note.date().toEpochDay());
            noteRows.add(note);
        }

        /** Turns the open series' buffer into the columns of its account. */
        private void flush() {
            Series series = open;
            if (series == null || series.account < 0 || series.size == 0) {
                clearBuffers();
                return;
            }
            AccountData d = data[series.account];
            if (series.filled(series.account)) {
                throw new IllegalStateException("The " + series.name + " of account " + series.accountId
                        + " did not come together");
            }
            int n = series.size;
            int[] days = series.days();
            if (series == history) {
                d.changes(days, changeRows);
            } else if (series == usage) {
                int width = metrics.size();
                double[] values = new double[width * n];
                for (int i = 0; i < n; i++) {
                    for (int m = 0; m < width; m++) {
                        values[m * n + i] = usageValues[i * width + m];
                    }
                }
                d.usageValues(days, values);
            } else if (series == tickets) {
                d.ticketOpened = days;
                d.ticketClosed = series.ints();
                d.ticketPriority = series.codes(0);
                byte[] escalated = series.codes(1);
                d.ticketEscalated = new boolean[n];
                for (int i = 0; i < n; i++) {
                    d.ticketEscalated[i] = escalated[i] != 0;
                }
                d.ticketCsat = series.codes(2);
                d.ticketTone = series.tones();
            } else if (series == interactions) {
                d.interactionDays = days;
                d.interactionContact = series.ints();
                d.interactionRole = series.codes(0);
                d.interactionKind = series.codes(1);
                d.contacts = contactNames.toArray(String[]::new);
                d.interactionTone = series.tones();
            } else if (series == surveys) {
                d.surveyDays = days;
                d.surveyNps = series.codes(0);
                d.surveyTone = series.tones();
            } else if (series == outcomes) {
                d.outcomeDays = days;
                d.outcomeEvents = series.codes(0);
                double[] changes = series.values();
                boolean any = false;
                for (double change : changes) {
                    any |= !Double.isNaN(change);
                }
                d.outcomeArrChange = any ? changes : null;
            } else {
                d.notes(noteRows);
            }
            clearBuffers();
        }

        private void clearBuffers() {
            if (open != null) {
                open.size = 0;
            }
            contactIndex.clear();
            contactNames.clear();
            noteRows.clear();
            changeRows.clear();
        }

        public Portfolio build() {
            index();
            flush();
            open = null;
            for (AccountData d : data) {
                d.findStart();
            }
            return new Portfolio(accounts, index, metrics, data);
        }
    }

    /**
     * One entity's buffer: the rows of the account being read, each as a day, an int, three small codes and a value
     * (what each entity needs of them), grown as one account's rows need.
     */
    private static final class Series {

        final String name;
        String accountId;
        int account = -1;
        int size;
        private boolean[] filled;
        private int[] days = new int[64];
        private int[] ints = new int[64];
        private byte[] codes = new byte[3 * 64];
        private double[] values = new double[64];

        Series(String name) {
            this.name = name;
        }

        void begin(String accountId, int account, int accountCount) {
            if (filled == null) {
                filled = new boolean[accountCount];
            }
            this.accountId = accountId;
            this.account = account;
            this.size = 0;
        }

        boolean filled(int a) {
            boolean was = filled[a];
            filled[a] = true;
            return was;
        }

        /** Starts row n (always the next one) on its day. */
        void day(int n, int day) {
            if (n == days.length) {
                int capacity = days.length * 2;
                days = Arrays.copyOf(days, capacity);
                ints = Arrays.copyOf(ints, capacity);
                codes = Arrays.copyOf(codes, 3 * capacity);
                values = Arrays.copyOf(values, capacity);
            }
            days[n] = day;
            size = n + 1;
        }

        void ints(int n, int value) {
            ints[n] = value;
        }

        void codes(int n, int first, int second, int third) {
            codes[3 * n] = (byte) first;
            codes[3 * n + 1] = (byte) second;
            codes[3 * n + 2] = (byte) third;
        }

        void value(int n, double value) {
            values[n] = value;
        }

        int[] days() {
            return Arrays.copyOf(days, size);
        }

        int[] ints() {
            return Arrays.copyOf(ints, size);
        }

        /** The k-th code of every row. */
        byte[] codes(int k) {
            byte[] column = new byte[size];
            for (int i = 0; i < size; i++) {
                column[i] = codes[3 * i + k];
            }
            return column;
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }

        /** The values as tones (floats, exact enough for a mean from -1 to 1); null when every one is NaN. */
        float[] tones() {
            float[] tones = null;
            for (int i = 0; i < size; i++) {
                if (!Double.isNaN(values[i])) {
                    if (tones == null) {
                        tones = new float[size];
                        Arrays.fill(tones, Float.NaN);
                    }
                    tones[i] = (float) values[i];
                }
            }
            return tones;
        }
    }
}
