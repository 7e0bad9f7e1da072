package com.bellwether.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bellwether.domain.Account;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;

/**
 * The portfolio in memory, laid out for fast point-in-time look-ups: per account, every series sorted by day
 * (days as epoch days), usage with running sums so a window's sum is two binary searches away.
 */
public final class Portfolio {

    private final List<Account> accounts;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> metrics;
    private final Map<String, Integer> metricIndex = new HashMap<>();
    private final AccountData[] data;

    private Portfolio(Bundle bundle) {
        List<Account> sorted = new ArrayList<>(bundle.accounts());
        sorted.sort(Comparator.comparing(Account::accountId));
        this.accounts = Collections.unmodifiableList(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i).accountId(), i);
        }
        this.metrics = List.copyOf(bundle.usageMetrics());
        for (int i = 0; i < metrics.size(); i++) {
            metricIndex.put(metrics.get(i), i);
        }
        this.data = new AccountData[sorted.size()];
        Map<Integer, List<UsageDay>> usage = group(bundle.usage(), UsageDay::accountId);
        Map<Integer, List<Ticket>> tickets = group(bundle.tickets(), Ticket::accountId);
        Map<Integer, List<Interaction>> interactions = group(bundle.interactions(), Interaction::accountId);
        Map<Integer, List<Survey>> surveys = group(bundle.surveys(), Survey::accountId);
        Map<Integer, List<Outcome>> outcomes = group(bundle.outcomes(), Outcome::accountId);
        Map<Integer, List<Note>> notes = group(bundle.notes(), Note::accountId);
        for (int a = 0; a < data.length; a++) {
            data[a] = new AccountData(sorted.get(a), metrics.size(), usage.getOrDefault(a, List.of()),
                    tickets.getOrDefault(a, List.of()), interactions.getOrDefault(a, List.of()),
                    surveys.getOrDefault(a, List.of()), outcomes.getOrDefault(a, List.of()), notes.getOrDefault(a, List.of()));
        }
    }

    private Portfolio(Portfolio source, int changed, AccountData replacement) {
        this.accounts = source.accounts;
        this.index.putAll(source.index);
        this.metrics = source.metrics;
        this.metricIndex.putAll(source.metricIndex);
        this.data = source.data.clone();
        this.data[changed] = replacement;
    }

    public static Portfolio of(Bundle bundle) {
        return new Portfolio(bundle);
    }

    /** The whole portfolio of a database. */
    public static Portfolio load(com.bellwether.store.Database database) {
        return of(com.bellwether.store.PortfolioReader.read(database));
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

    private <T> Map<Integer, List<T>> group(List<T> rows, java.util.function.Function<T, String> account) {
        Map<Integer, List<T>> grouped = new LinkedHashMap<>();
        for (T row : rows) {
            Integer a = index.get(account.apply(row));
            if (a != null) {
                grouped.computeIfAbsent(a, k -> new ArrayList<>()).add(row);
            }
        }
        return grouped;
    }

    public int size() {
        return accounts.size();
    }

    public List<Account> accounts() {
        return accounts;
    }

    public Account account(int a) {
        return accounts.get(a);
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

    /** The epoch days of an account's churns (and contractions, when asked), in order. */
    public int[] churnDays(int a, boolean withContractions) {
        AccountData d = data[a];
        return java.util.stream.IntStream.range(0, d.outcomeDays.length)
                .filter(i -> d.outcomeEvents[i] == OutcomeEvent.CHURN
                        || (withContractions && d.outcomeEvents[i] == OutcomeEvent.CONTRACTION))
                .map(i -> d.outcomeDays[i]).toArray();
    }

    /** The ARR change recorded with an outcome of the account on that day, or null. */
    public Double arrChangeOn(int a, int day, OutcomeEvent event) {
        for (Outcome o : outcomes(a)) {
            if (o.event() == event && o.date().toEpochDay() == day) {
                return o.arrChange();
            }
        }
        return null;
    }

    /** The account's outcomes (churn, renewal, ...), by date. */
    public List<Outcome> outcomes(int a) {
        return data[a].outcomes;
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
            if (d.outcomeEvents[i] == OutcomeEvent.CHURN) {
                churned = true;
            } else if (d.outcomeEvents[i] == OutcomeEvent.REACTIVATION) {
                churned = false;
            }
        }
        return churned;
    }

    /** Per account, its series as sorted arrays. */
    static final class AccountData {

        final Account account;
        /** Contract start, else the first day of any data; MAX_VALUE when the account has nothing. */
        final int start;

        final int[] usageDays;
        final double[][] usage;       // [metric][i], NaN where the day has no value
        final double[][] usageSum;    // [metric][i + 1] running sum of the non-NaN values
        final int[][] usageCount;     // [metric][i + 1] running count of the non-NaN values

        final int[] ticketOpened;
        final int[] ticketClosed;     // MAX_VALUE while open
        final int[] ticketPriority;   // TicketPriority ordinal
        final boolean[] ticketEscalated;
        final int[] ticketCsat;       // 0 when not rated

        final int[] interactionDays;
        final int[] interactionRole;  // StakeholderRole ordinal
        final int[] interactionKind;  // InteractionKind ordinal
        final String[] interactionContact;

        final int[] surveyDays;
        final int[] surveyNps;

        final int[] outcomeDays;
        final OutcomeEvent[] outcomeEvents;
        final List<Outcome> outcomes;

        final int[] noteDays;
        final int[] noteExpires;      // MAX_VALUE when it never expires
        final int[] notePoints;
        final List<Note> notes;

        AccountData(Account account, int metricCount, List<UsageDay> usageDays, List<Ticket> tickets,
                    List<Interaction> interactions, List<Survey> surveys, List<Outcome> outcomes, List<Note> notes) {
            this.account = account;
            List<UsageDay> u = new ArrayList<>(usageDays);
            u.sort(Comparator.comparing(UsageDay::date));
            this.usageDays = new int[u.size()];
            this.usage = new double[metricCount][u.size()];
            this.usageSum = new double[metricCount][u.size() + 1];
            this.usageCount = new int[metricCount][u.size() + 1];
            for (int i = 0; i < u.size(); i++) {
                this.usageDays[i] = (int) u.get(i).date().toEpochDay();
                for (int m = 0; m < metricCount; m++) {
                    double v = u.get(i).value(m);
                    usage[m][i] = v;
                    boolean has = !Double.isNaN(v);
                    usageSum[m][i + 1] = usageSum[m][i] + (has ? v : 0);
                    usageCount[m][i + 1] = usageCount[m][i] + (has ? 1 : 0);
                }
            }
            List<Ticket> t = new ArrayList<>(tickets);
            t.sort(Comparator.comparing(Ticket::opened));
            ticketOpened = new int[t.size()];
            ticketClosed = new int[t.size()];
            ticketPriority = new int[t.size()];
            ticketEscalated = new boolean[t.size()];
            ticketCsat = new int[t.size()];
            for (int i = 0; i < t.size(); i++) {
                Ticket ticket = t.get(i);
                ticketOpened[i] = (int) ticket.opened().toLocalDate().toEpochDay();
                ticketClosed[i] = ticket.closed() == null ? Integer.MAX_VALUE : (int) ticket.closed().toLocalDate().toEpochDay();
                ticketPriority[i] = ticket.priority().ordinal();
                ticketEscalated[i] = ticket.escalated();
                ticketCsat[i] = ticket.csat() == null ? 0 : ticket.csat();
            }
            List<Interaction> in = new ArrayList<>(interactions);
            in.sort(Comparator.comparing(Interaction::at));
            interactionDays = new int[in.size()];
            interactionRole = new int[in.size()];
            interactionKind = new int[in.size()];
            interactionContact = new String[in.size()];
            for (int i = 0; i < in.size(); i++) {
                interactionDays[i] = (int) in.get(i).at().toLocalDate().toEpochDay();
                interactionRole[i] = in.get(i).role().ordinal();
                interactionKind[i] = in.get(i).kind().ordinal();
                interactionContact[i] = in.get(i).contact();
            }
            List<Survey> s = new ArrayList<>(surveys);
            s.sort(Comparator.comparing(Survey::date));
            surveyDays = s.stream().mapToInt(x -> (int) x.date().toEpochDay()).toArray();
            surveyNps = s.stream().mapToInt(Survey::nps).toArray();
            List<Outcome> o = new ArrayList<>(outcomes);
            o.sort(Comparator.comparing(Outcome::date));
            outcomeDays = o.stream().mapToInt(x -> (int) x.date().toEpochDay()).toArray();
            outcomeEvents = o.stream().map(Outcome::event).toArray(OutcomeEvent[]::new);
            this.outcomes = List.copyOf(o);
            this.notes = sortedNotes(notes);
            noteDays = noteDays(this.notes);
            noteExpires = noteExpires(this.notes);
            notePoints = notePoints(this.notes);

            int first = Integer.MAX_VALUE;
            if (account.contractStart() != null) {
                first = (int) account.contractStart().toEpochDay();
            } else {
                for (int[] days : new int[][] {this.usageDays, ticketOpened, interactionDays, surveyDays, outcomeDays}) {
                    if (days.length > 0) {
                        first = Math.min(first, days[0]);
                    }
                }
            }
            this.start = first;
        }

        /** The same account with other notes; the other series are shared, not copied. */
        private AccountData(AccountData source, List<Note> notes) {
            this.account = source.account;
            this.start = source.start;
            this.usageDays = source.usageDays;
            this.usage = source.usage;
            this.usageSum = source.usageSum;
            this.usageCount = source.usageCount;
            this.ticketOpened = source.ticketOpened;
            this.ticketClosed = source.ticketClosed;
            this.ticketPriority = source.ticketPriority;
            this.ticketEscalated = source.ticketEscalated;
            this.ticketCsat = source.ticketCsat;
            this.interactionDays = source.interactionDays;
            this.interactionRole = source.interactionRole;
            this.interactionKind = source.interactionKind;
            this.interactionContact = source.interactionContact;
            this.surveyDays = source.surveyDays;
            this.surveyNps = source.surveyNps;
            this.outcomeDays = source.outcomeDays;
            this.outcomeEvents = source.outcomeEvents;
            this.outcomes = source.outcomes;
            this.notes = sortedNotes(notes);
            this.noteDays = noteDays(this.notes);
            this.noteExpires = noteExpires(this.notes);
            this.notePoints = notePoints(this.notes);
        }

        AccountData withNotes(List<Note> replacement) {
            return new AccountData(this, replacement);
        }

        private static List<Note> sortedNotes(List<Note> notes) {
            List<Note> n = new ArrayList<>(notes);
            n.sort(Comparator.comparing(Note::date));
            return List.copyOf(n);
        }

        private static int[] noteDays(List<Note> notes) {
            return notes.stream().mapToInt(x -> (int) x.date().toEpochDay()).toArray();
        }

        private static int[] noteExpires(List<Note> notes) {
            return notes.stream().mapToInt(x -> x.expires() == null ? Integer.MAX_VALUE : (int) x.expires().toEpochDay()).toArray();
        }

        private static int[] notePoints(List<Note> notes) {
            return notes.stream().mapToInt(Note::adjustment).toArray();
        }

        /** The series of signals (what measures read), each sorted. */
        int[][] signals() {
            return new int[][] {usageDays, ticketOpened, interactionDays, surveyDays};
        }

        /** The dated series, each sorted. */
        int[][] series() {
            return new int[][] {usageDays, ticketOpened, interactionDays, surveyDays, outcomeDays};
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
}
