package com.bellwether.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything decided about one account before its rows are written: who it is, its contract history
 * (renewals, expansions, contractions, churn, reactivation), and the episodes that leave traces in usage,
 * tickets, interactions, surveys and notes (churn warnings, milder pre-contraction signals, growth before
 * expansions, and harmless dips).
 */
final class AccountPlan {

    // ---- outcome event codes, in the order events of one day are written
    static final int REACTIVATION = 0;
    static final int RENEWAL = 1;
    static final int CONTRACTION = 2;
    static final int EXPANSION = 3;
    static final int CHURN = 4;
    static final String[] EVENT_TEXT = {"reactivation", "renewal", "contraction", "expansion", "churn"};

    // ---- episode kinds
    static final int USAGE_DECLINE = 1;
    static final int USAGE_MILD = 2;
    static final int USAGE_GROWTH = 3;
    static final int USAGE_DIP = 4;
    static final int SUPPORT = 5;
    static final int QUIET = 6;
    static final int NPS_LOW = 7;
    static final int NPS_SHIFT = 8;

    // ---- stakeholder roles
    static final int EXECUTIVE = 0;
    static final int CHAMPION = 1;
    static final int ADMIN = 2;
    static final int USER = 3;
    static final int OTHER = 4;
    static final String[] ROLE_TEXT = {"executive", "champion", "admin", "user", "other"};

    /** Annual churn probability per segment (SMB, Mid-Market, Enterprise). */
    private static final double[] ANNUAL_CHURN = {0.22, 0.135, 0.075};
    /** Share of churns that happen mid-term rather than at a renewal date. */
    private static final double MID_TERM_SHARE = 0.18;
    private static final double[] EXPANSION_PER_YEAR = {0.12, 0.22, 0.28};
    private static final double[] CONTRACTION_PER_YEAR = {0.07, 0.09, 0.10};
    private static final double REACTIVATION_PROBABILITY = 0.05;
    private static final double WARNED_SHARE = 0.75;
    private static final double DIP_PROBABILITY = 0.12;

    private static final int[][] SEATS = {{5, 40}, {40, 300}, {300, 3000}};
    private static final long[][] ARR = {{5_000, 30_000}, {30_000, 150_000}, {150_000, 900_000}};
    private static final double[][] PRICE_PER_SEAT = {{450, 1100}, {320, 800}, {170, 420}};

    private static final double[] RAMP = new double[90];

    static {
        for (int r = 0; r < RAMP.length; r++) {
            RAMP[r] = 0.25 + 0.75 * StrictMath.pow(r / 90.0, 0.7);
        }
    }

    /** A contract event. */
    record Outcome(int day, int event, long arrChange) {
    }

    /** A CSM note. */
    record Note(int day, int adjustment, String reason, int expires) {
    }

    /** Signs a CSM can see in the data from {@code onset}: before a churn ({@code churns}), a contraction or a dip. */
    record Warning(int onset, boolean churns) {
    }

    /**
     * A task: {@code status} 0 open, 1 in progress, 2 done, 3 dismissed; {@code completed} is -1 unless done;
     * {@code rule} the playbook rule it acts on, or null for the account as a whole.
     */
    record Task(int created, int status, int completed, String rule) {
    }

    /**
     * A month's review decision: the first day of the month, whether the account churns within the next
     * {@link #REVIEW_HORIZON} days, and whether its CSM reviewed it that month (a done task).
     */
    record Review(int monthStart, boolean churnsSoon, boolean reviewed) {
    }

    /** The playbook rule of the shipped model that the tasks opened on warnings name. */
    static final String WARNING_RULE = "red-outreach";
    /** The days after a month's start in which a churn counts as "soon" for the review decision. */
    static final int REVIEW_HORIZON = 90;
    /** The chance a CSM reviews an account in a month when the account churns within the next 90 days. */
    static final double REVIEW_IF_CHURNS = 0.087;
    /** The chance when it does not: with the one above, the odds of churn of a reviewed month are half. */
    static final double REVIEW_IF_STAYS = 0.16;

    /** A period in which something unusual shows in the data; see the kind constants. */
    static final class Episode {
        final int kind;
        final int start;
        final int end;
        final double magnitude;
        final double severity;
        final int rampIn;
        final int rampOut;
        final int roles;

        Episode(int kind, int start, int end, double magnitude, double severity, int rampIn, int rampOut, int roles) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.magnitude = magnitude;
            this.severity = severity;
            this.rampIn = rampIn;
            this.rampOut = rampOut;
            this.roles = roles;
        }

        /** 0 outside [start, end), rising over rampIn days and falling over the last rampOut days. */
        double weight(int day) {
            if (day < start || day >= end) {
                return 0;
            }
            double w = 1;
            if (rampIn > 0) {
                w = Math.min(w, (day - start + 1) / (double) rampIn);
            }
            if (rampOut > 0) {
                w = Math.min(w, (end - day) / (double) rampOut);
            }
            return w;
        }

        /** Linear progress through the episode, 0 at start and 1 at end. */
        double progress(int day) {
            return Math.min(1.0, (day - start + 1) / (double) Math.max(1, end - start));
        }
    }

    /** Who holds a stakeholder role when: a name from a day on, null while the role is vacant. */
    static final class Contact {
        private final List<int[]> from = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        void set(int day, String name) {
            int i = from.size();
            while (i > 0 && from.get(i - 1)[0] > day) {
                i--;
            }
            from.add(i, new int[] {day});
            names.add(i, name);
        }

        String at(int day) {
            String name = null;
            for (int i = 0; i < from.size() && from.get(i)[0] <= day; i++) {
                name = names.get(i);
            }
            return name;
        }
    }

    // ---- identity
    final int index;
    final String id;
    String name;
    int segment;
    int industry;
    int region;
    int csm;
    int contractStart;
    int renewalDate;
    long finalArr;
    int finalSeats;

    // ---- behaviour
    boolean lowAdopter;
    double adoption;
    double dailyShare;
    double loginsPerUserDay;
    double sessionsPerLogin;
    double minutesPerSession;
    double corePerUserDay;
    double depth;
    int maxFeatures;
    double ticketsPerMonth;
    double npsMean;
    boolean surveyed;

    /** Live periods {from, toExclusive, reactivated(0/1)}; toExclusive is the churn day or end + 1. */
    final List<int[]> live = new ArrayList<>(2);
    final List<Outcome> outcomes = new ArrayList<>();
    final List<Episode> usageEpisodes = new ArrayList<>();
    final List<Episode> supportEpisodes = new ArrayList<>();
    final List<Episode> quietEpisodes = new ArrayList<>();
    final List<Episode> npsEpisodes = new ArrayList<>();
    /** The run-up to each expansion, {start, day}: the champion is in touch more often then. */
    final List<int[]> expansionRunUps = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final List<Review> reviews = new ArrayList<>();
    final Contact executive = new Contact();
    final Contact champion = new Contact();
    final Contact admin = new Contact();
    final List<String> users = new ArrayList<>(2);
    String procurement;

    private int[] seatDays = new int[4];
    private int[] seatValues = new int[4];
    private int seatChanges;

    private AccountPlan(int index) {
        this.index = index;
        this.id = accountId(index);
    }

    static String accountId(int index) {
        String n = Integer.toString(index + 1);
        StringBuilder b = new StringBuilder(10).append("ACC-");
        for (int i = n.length(); i < 5; i++) {
            b.append('0');
        }
        return b.append(n).toString();
    }

    // =====================================================================================
    // queries used while writing rows

    /** Whether the account is live (has a running contract) on a day. */
    boolean isLive(int day) {
        for (int[] period : live) {
            if (day >= period[0] && day < period[1]) {
                return true;
            }
        }
        return false;
    }

    /** Seats that bound active users on a day: the seats then, never above today's licensed seats. */
    int seatCap(int day) {
        int seats = seatValues[0];
        for (int i = 1; i < seatChanges && seatDays[i] <= day; i++) {
            seats = seatValues[i];
        }
        return Math.min(seats, finalSeats);
    }

    int seatsAt(int day) {
        int seats = seatValues[0];
        for (int i = 1; i < seatChanges && seatDays[i] <= day; i++) {
            seats = seatValues[i];
        }
        return seats;
    }

    /** Adoption ramp after a contract start (from 25 %) or a reactivation (from 60 %). */
    static double ramp(int[] period, int day) {
        int r = day - period[0];
        if (r >= 90 || r < 0) {
            return 1.0;
        }
        return period[2] == 1 ? 0.6 + 0.4 * r / 90.0 : RAMP[r];
    }

    /** Product of the usage episodes on a day (1 = business as usual). */
    double usageMultiplier(int day) {
        double m = 1.0;
        for (int i = 0, n = usageEpisodes.size(); i < n; i++) {
            Episode e = usageEpisodes.get(i);
            if (day < e.start) {
                continue;
            }
            switch (e.kind) {
                case USAGE_DECLINE -> {
                    if (day < e.end) {
                        m *= 1.0 - e.magnitude * StrictMath.pow(e.progress(day), 0.75);
                    }
                }
                case USAGE_MILD -> m *= 1.0 - e.magnitude * (day < e.end ? e.progress(day) : 0.7);
                case USAGE_GROWTH -> m *= 1.0 + e.magnitude * (day < e.end ? e.progress(day) : 1.0);
                case USAGE_DIP -> m *= 1.0 - e.magnitude * e.weight(day);
                default -> {
                }
            }
        }
        return m;
    }

    /** Factor on the ticket rate on a day. */
    double supportRate(int day) {
        double m = 1.0;
        for (Episode e : supportEpisodes) {
            double w = e.weight(day);
            if (w > 0) {
                m *= 1.0 + (e.magnitude - 1.0) * w;
            }
        }
        return m;
    }

    /** How troubled tickets look on a day, 0 (normal) to 1 (in crisis). */
    double supportSeverity(int day) {
        double s = 0;
        for (Episode e : supportEpisodes) {
            s = Math.max(s, e.severity * e.weight(day));
        }
        return s;
    }

    /** Probability that a planned touch point with a role does not happen on a day. */
    double suppression(int role, int day) {
        double s = 0;
        for (Episode e : quietEpisodes) {
            if ((e.roles & (1 << role)) != 0) {
                s = Math.max(s, e.magnitude * e.weight(day));
            }
        }
        return s;
    }

    /** Whether a survey answer on a day comes from an account about to leave. */
    boolean detractor(int day) {
        for (Episode e : npsEpisodes) {
            if (e.kind == NPS_LOW && e.weight(day) > 0) {
                return true;
            }
        }
        return false;
    }

    double npsShift(int day) {
        double s = 0;
        for (Episode e : npsEpisodes) {
            if (e.kind == NPS_SHIFT && e.weight(day) > 0) {
                s += e.magnitude;
            }
        }
        return s;
    }

    // =====================================================================================
    // planning

    private record Raw(int day, int event, double pct) {
    }

    /**
     * Plans account {@code index}. {@code usedNames} collects company names so far (the plan adds its own);
     * accounts must be planned in index order for the names to be reproducible.
     */
    static AccountPlan plan(long seed, int index, Timeline tl, int csmCount, Set<String> usedNames) {
        AccountPlan p = new AccountPlan(index);
        Rng rng = Rng.of(seed, index, 1);
        p.identity(rng, tl, csmCount, usedNames);
        p.behaviour(rng);
        p.history(rng, Rng.of(seed, index, 31), tl);
        Rng signals = Rng.of(seed, index, 2);
        p.contacts(signals, tl);
        p.signals(signals, tl);
        p.routineNotes(Rng.of(seed, index, 3), tl);
        p.reviews(Rng.of(seed, index, 11), tl);
        p.warningTasks(Rng.of(seed, index, 12), tl);
        p.tasks.sort(Comparator.comparingInt(Task::created));
        p.notes.sort(Comparator.comparingInt(Note::day));
        return p;
    }

    private void identity(Rng rng, Timeline tl, int csmCount, Set<String> usedNames) {
        segment = rng.weighted(0.50, 0.35, 0.15);
        industry = rng.nextInt(Names.INDUSTRIES.length);
        region = rng.weighted(0.45, 0.30, 0.15, 0.10);
        csm = rng.nextInt(csmCount);
        name = Names.company(rng, industry, region, usedNames);

        int[] seatRange = SEATS[segment];
        double logSeats = rng.uniform(StrictMath.log(seatRange[0]), StrictMath.log(seatRange[1] + 1));
        int seats = Math.max(seatRange[0], Math.min(seatRange[1], (int) StrictMath.exp(logSeats)));
        double price = rng.uniform(PRICE_PER_SEAT[segment][0], PRICE_PER_SEAT[segment][1]);
        long arr = Math.max(ARR[segment][0], Math.min(ARR[segment][1], round100(seats * price)));
        seatDays[0] = Integer.MIN_VALUE;
        seatValues[0] = seats;
        seatChanges = 1;
        finalSeats = seats;
        finalArr = arr;

        if (rng.chance(0.6)) {
            contractStart = tl.start - rng.between(1, 3 * 365);
        } else {
            contractStart = tl.start + rng.between(0, Math.max(0, tl.days() - 22));
        }
    }

    private void behaviour(Rng rng) {
        lowAdopter = rng.chance(0.15);
        adoption = lowAdopter ? rng.uniform(0.10, 0.30) : rng.uniform(0.45, 0.90);
        depth = lowAdopter ? rng.uniform(0.20, 0.40) : rng.uniform(0.40, 0.90);
        dailyShare = rng.uniform(0.45, 0.70);
        loginsPerUserDay = rng.uniform(1.0, 2.2);
        sessionsPerLogin = rng.uniform(1.1, 1.6);
        minutesPerSession = rng.uniform(6, 28);
        corePerUserDay = rng.uniform(2, 12);
        maxFeatures = switch (segment) {
            case 0 -> rng.between(8, 12);
            case 1 -> rng.between(10, 16);
            default -> rng.between(14, 20);
        };
        ticketsPerMonth = (0.3 + 0.11 * StrictMath.sqrt(seatValues[0])) * rng.noise(0.4);
        npsMean = 7.8 + 1.0 * rng.gaussian() - (lowAdopter ? 0.8 : 0);
        surveyed = rng.chance(0.55);
    }

    private int anniversary(int k) {
        return (int) LocalDate.ofEpochDay(contractStart).plusMonths(12L * k).toEpochDay();
    }

    /** Simulates the contract year by year through the window and fixes ARR, seats and renewal date. */
    private void history(Rng rng, Rng growth, Timeline tl) {
        double riskFactor = lowAdopter ? 0.6 : rng.noise(0.35);
        double annualChurn = Math.min(0.6, ANNUAL_CHURN[segment] * riskFactor);
        List<Raw> raw = new ArrayList<>();
        int liveFrom = contractStart;
        boolean reactivated = false;
        int churnDay = -1;
        int k = 1;
        while (anniversary(k) < tl.start) {
            k++;
        }
        while (true) {
            int ys = anniversary(k - 1);
            int ye = anniversary(k);
            if (ys > tl.end) {
                break;
            }
            int yearLength = ye - ys;
            int churn = -1;
            if (!reactivated) {
                if (rng.chance(annualChurn * MID_TERM_SHARE)) {
                    int m = ys + rng.between(45, Math.max(46, yearLength - 30));
                    if (m >= tl.start && m <= tl.end && m >= liveFrom + 60) {
                        churn = m;
                    }
                }
                double atRenewal = annualChurn * (1 - MID_TERM_SHARE) * (k == 1 ? 1.25 : 1.0);
                if (churn < 0 && rng.chance(atRenewal) && ye <= tl.end) {
                    churn = ye;
                }
            }
            // The draws of the first plan are still made, so every other decision of this stream stays as it was;
            // whether the account expands is the growth stream's choice, led by its adoption.
            int expansion = -1;
            int x = -1;
            double share = 0;
            if (rng.chance(EXPANSION_PER_YEAR[segment])) {
                x = ys + rng.between(60, Math.max(61, yearLength - 30));
                if (expansionFits(x, tl, liveFrom, churn)) {
                    share = rng.uniform(0.10, 0.40);
                } else {
                    x = -1;
                }
            }
            if (growth.chance(Math.min(0.9, EXPANSION_PER_YEAR[segment] * expansionPropensity()))) {
                if (x < 0) {
                    x = ys + growth.between(60, Math.max(61, yearLength - 30));
                    share = growth.uniform(0.10, 0.40);
                }
                if (expansionFits(x, tl, liveFrom, churn)) {
                    expansion = x;
                    raw.add(new Raw(x, EXPANSION, share));
                }
            }
            if (rng.chance(CONTRACTION_PER_YEAR[segment])) {
                double pct = rng.uniform(0.10, 0.30);
                if (rng.chance(0.65)) {
                    if (churn < 0 && ye <= tl.end) {
                        raw.add(new Raw(ye, CONTRACTION, pct));
                    }
                } else {
                    int c = ys + rng.between(60, Math.max(61, yearLength - 30));
                    if (c >= tl.start && c <= tl.end && c >= liveFrom + 90 && (churn < 0 || c < churn - 90)
                            && (expansion < 0 || Math.abs(c - expansion) > 90)) {
                        raw.add(new Raw(c, CONTRACTION, pct));
                    }
                }
            }
            if (churn >= 0) {
                raw.add(new Raw(churn, CHURN, 0));
                live.add(new int[] {liveFrom, churn, reactivated ? 1 : 0});
                churnDay = churn;
                if (rng.chance(REACTIVATION_PROBABILITY)) {
                    int back = churn + rng.between(60, 240);
                    if (back <= tl.end - 21) {
                        raw.add(new Raw(back, REACTIVATION, rng.uniform(0.6, 1.0)));
                        reactivated = true;
                        liveFrom = back;
                        churnDay = -1;
                        while (anniversary(k) <= back + 30) {
                            k++;
                        }
                        continue;
                    }
                }
                break;
            }
            if (ye <= tl.end) {
                boolean uplift = rng.chance(0.4);
                raw.add(new Raw(ye, RENEWAL, uplift ? rng.uniform(0.03, 0.08) : 0));
            }
            k++;
        }
        if (churnDay < 0) {
            live.add(new int[] {liveFrom, tl.end + 1, reactivated ? 1 : 0});
        }

        raw.sort(Comparator.comparingInt(Raw::day).thenComparingInt(Raw::event));
        long arr = finalArr;
        int seats = seatValues[0];
        long arrAtChurn = arr;
        Set<Integer> contractionDays = new HashSet<>();
        for (Raw r : raw) {
            if (r.event() == CONTRACTION) {
                contractionDays.add(r.day());
            }
        }
        for (Raw r : raw) {
            long change;
            switch (r.event()) {
                case RENEWAL -> {
                    change = contractionDays.contains(r.day()) ? 0 : round100(arr * r.pct());
                    arr += change;
                }
                case CONTRACTION -> {
                    change = -Math.min(arr - 1_000, round100(arr * r.pct()));
                    arr += change;
                    seats = Math.max(SEATS[0][0], (int) Math.round(seats * (1 - r.pct())));
                    addSeats(r.day(), seats);
                }
                case EXPANSION -> {
                    change = round100(arr * r.pct());
                    arr += change;
                    seats = (int) Math.round(seats * (1 + r.pct()));
                    addSeats(r.day(), seats);
                }
                case CHURN -> {
                    change = -arr;
                    arrAtChurn = arr;
                }
                case REACTIVATION -> {
                    arr = Math.max(1_000, round100(arrAtChurn * r.pct()));
                    change = arr;
                    seats = Math.max(SEATS[0][0], (int) Math.round(seats * Math.min(1.0, r.pct() + 0.1)));
                    addSeats(r.day(), seats);
                }
                default -> throw new IllegalStateException();
            }
            outcomes.add(new Outcome(r.day(), r.event(), change));
        }
        finalArr = arr;
        finalSeats = seats;
        if (churnDay >= 0) {
            int k2 = 1;
            int last = -1;
            while (anniversary(k2) <= churnDay) {
                last = anniversary(k2);
                k2++;
            }
            // the last renewal date reached; for a churn in the first contract year, the first renewal date
            renewalDate = last >= 0 ? last : anniversary(1);
        } else {
            int k2 = 1;
            while (anniversary(k2) <= tl.end) {
                k2++;
            }
            renewalDate = anniversary(k2);
        }
    }

    private static boolean expansionFits(int x, Timeline tl, int liveFrom, int churn) {
        return x >= tl.start && x <= tl.end && x >= liveFrom + 90 && (churn < 0 || x < churn - 240);
    }

    /**
     * How much likelier than its segment's rate the account is to expand in a year: none for a low adopter, rising
     * with adoption from none at 45 % to twice the rate at 90 % (1 on average over the others): the accounts whose
     * seats are nearly all in use are the ones that buy more.
     */
    double expansionPropensity() {
        return lowAdopter ? 0 : Math.max(0, (adoption - 0.45) / 0.225);
    }

    private void addSeats(int day, int seats) {
        if (seatChanges == seatDays.length) {
            seatDays = java.util.Arrays.copyOf(seatDays, seatChanges * 2);
            seatValues = java.util.Arrays.copyOf(seatValues, seatChanges * 2);
        }
        seatDays[seatChanges] = day;
        seatValues[seatChanges] = seats;
        seatChanges++;
    }

    private void contacts(Rng rng, Timeline tl) {
        Set<String> people = new HashSet<>();
        int first = live.get(0)[0];
        executive.set(first, Names.person(rng, people));
        champion.set(first, Names.person(rng, people));
        admin.set(first, Names.person(rng, people));
        int userCount = segment == 0 ? 1 : 2;
        for (int i = 0; i < userCount; i++) {
            users.add(Names.person(rng, people));
        }
        procurement = Names.person(rng, people);
        // ordinary turnover: champions change now and then, executives less often
        int from = Math.max(first, tl.start);
        int years = Math.max(1, (tl.end - from) / 365 + 1);
        for (int y = 0; y < years; y++) {
            if (rng.chance(0.12)) {
                int leave = from + rng.between(0, tl.end - from);
                champion.set(leave, null);
                champion.set(leave + rng.between(20, 60), Names.person(rng, people));
            }
            if (rng.chance(0.08)) {
                int leave = from + rng.between(0, tl.end - from);
                executive.set(leave, null);
                executive.set(leave + rng.between(25, 50), Names.person(rng, people));
            }
        }
        if (live.size() > 1 && rng.chance(0.6)) {
            champion.set(live.get(1)[0], Names.person(rng, people));
        }
    }

    /** Churn warnings, pre-contraction and pre-expansion signals, harmless dips. */
    private void signals(Rng rng, Timeline tl) {
        int earliestWarning = Integer.MAX_VALUE;
        for (Outcome o : outcomes) {
            int liveFrom = liveStartBefore(o.day());
            switch (o.event()) {
                case CHURN -> {
                    boolean warned = rng.chance(WARNED_SHARE);
                    int lead = rng.between(30, 150);
                    int onset = Math.max(o.day() - lead, liveFrom + 21);
                    earliestWarning = Math.min(earliestWarning, o.day() - 150);
                    if (!warned || o.day() - onset < 14) {
                        if (rng.chance(0.2)) {
                            addNote(rng, tl, o.day() - 90, o.day() - 10, POSITIVE);
                        }
                        continue;
                    }
                    boolean usage = rng.chance(0.85);
                    boolean support = rng.chance(0.5);
                    boolean quiet = rng.chance(0.5);
                    boolean nps = rng.chance(0.6);
                    if (!usage && !support && !quiet) {
                        switch (rng.nextInt(3)) {
                            case 0 -> usage = true;
                            case 1 -> support = true;
                            default -> quiet = true;
                        }
                    }
                    int span = o.day() - onset;
                    warnings.add(new Warning(onset, true));
                    if (usage) {
                        usageEpisodes.add(new Episode(USAGE_DECLINE, onset, o.day(), rng.uniform(0.3, 0.7), 0, 0, 0, 0));
                    }
                    if (support) {
                        int s = onset + rng.between(0, span / 3);
                        supportEpisodes.add(new Episode(SUPPORT, s, o.day(), rng.uniform(2.5, 4.5),
                                rng.uniform(0.7, 1.0), 14, 0, 0));
                    }
                    if (quiet) {
                        int s = onset + rng.between(0, span / 4);
                        quietEpisodes.add(new Episode(QUIET, s, o.day(), rng.uniform(0.75, 0.95), 0, 10, 0,
                                (1 << EXECUTIVE) | (1 << CHAMPION)));
                        if (rng.chance(0.5)) {
                            champion.set(s + rng.between(0, 20), null);
                            if (live.size() > 1) {
                                champion.set(live.get(1)[0], Names.person(rng, new HashSet<>(users)));
                            }
                        }
                    }
                    if (nps) {
                        npsEpisodes.add(new Episode(NPS_LOW, onset, o.day(), 0, 0, 0, 0, 0));
                    }
                    if (rng.chance(0.55)) {
                        int count = rng.between(1, 2);
                        for (int i = 0; i < count; i++) {
                            addNote(rng, tl, onset + 10, o.day() - 5, STRONG_NEGATIVE);
                        }
                    }
                }
                case CONTRACTION -> {
                    int onset = Math.max(o.day() - rng.between(30, 90), liveFrom + 21);
                    if (o.day() - onset < 14) {
                        continue;
                    }
                    warnings.add(new Warning(onset, false));
                    if (rng.chance(0.75)) {
                        usageEpisodes.add(new Episode(USAGE_MILD, onset, o.day(), rng.uniform(0.10, 0.25), 0, 0, 0, 0));
                    }
                    if (rng.chance(0.4)) {
                        supportEpisodes.add(new Episode(SUPPORT, onset, o.day(), rng.uniform(1.4, 2.0), 0.35, 14, 0, 0));
                    }
                    if (rng.chance(0.3)) {
                        quietEpisodes.add(new Episode(QUIET, onset, o.day(), 0.5, 0, 10, 0, 1 << EXECUTIVE));
                    }
                    npsEpisodes.add(new Episode(NPS_SHIFT, onset, o.day() + 60, -1.5, 0, 0, 0, 0));
                    if (rng.chance(0.35)) {
                        addNote(rng, tl, onset, o.day(), CONTRACTION_TALK);
                    }
                }
                case EXPANSION -> {
                    int start = Math.max(o.day() - rng.between(60, 180), liveFrom + 45);
                    expansionRunUps.add(new int[] {Math.max(start, o.day() - 120), o.day()});
                    if (o.day() - start >= 21) {
                        usageEpisodes.add(new Episode(USAGE_GROWTH, start, o.day(), rng.uniform(0.15, 0.40), 0, 0, 0, 0));
                        npsEpisodes.add(new Episode(NPS_SHIFT, start, o.day() + 90, 0.6, 0, 0, 0, 0));
                    }
                    if (rng.chance(0.5)) {
                        addNote(rng, tl, o.day() - 45, o.day() - 5, EXPANSION_TALK);
                    }
                }
                case RENEWAL -> {
                    if (rng.chance(0.12)) {
                        addNote(rng, tl, o.day() - 60, o.day() - 10, POSITIVE);
                    }
                }
                default -> {
                }
            }
        }

        if (rng.chance(DIP_PROBABILITY)) {
            int[] first = live.get(0);
            int from = Math.max(first[0], tl.start) + 45;
            int limit = Math.min(first[1], earliestWarning - 30);
            limit = Math.min(limit, tl.end - 30);
            int length = rng.between(30, 90);
            if (limit - length > from) {
                int s = rng.between(from, limit - length);
                int e = s + length;
                int kind = rng.weighted(0.5, 0.25, 0.15, 0.10);
                warnings.add(new Warning(s, false));
                if (kind == 0 || kind == 2) {
                    usageEpisodes.add(new Episode(USAGE_DIP, s, e, rng.uniform(0.2, 0.5), 0, 10, 14, 0));
                }
                if (kind == 1 || kind == 2) {
                    supportEpisodes.add(new Episode(SUPPORT, s, e, rng.uniform(2.0, 3.5), rng.uniform(0.4, 0.8), 7, 7, 0));
                }
                if (kind == 3) {
                    quietEpisodes.add(new Episode(QUIET, s, e, 0.8, 0, 5, 5, (1 << EXECUTIVE) | (1 << CHAMPION)));
                }
                npsEpisodes.add(new Episode(NPS_SHIFT, s, e, -1.2, 0, 0, 0, 0));
                if (rng.chance(0.35)) {
                    addNote(rng, tl, s + 7, e - 7, DIP_NEGATIVE);
                    if (rng.chance(0.6)) {
                        addNote(rng, tl, e + 7, e + 30, RECOVERY);
                    }
                }
            }
        }
    }

    /**
     * The CSM's monthly reviews, from a stream of their own: on the first day of each month the account is live, the
     * CSM reviews it (a done task naming no rule, completed 3 to 12 days into the month and before any churn) with
     * probability {@link #REVIEW_IF_CHURNS} when the account churns within the next 90 days and
     * {@link #REVIEW_IF_STAYS} when it does not. Drawn this way, the data is what a world where a review halves the
     * odds of churn within 90 days would give, whatever else is known about the account: reviewed accounts churn
     * less than comparable ones, and the effects report has a true association to find. The rows of every other
     * file are as they were without the reviews.
     */
    private void reviews(Rng rng, Timeline tl) {
        LocalDate month = LocalDate.ofEpochDay(tl.start).withDayOfMonth(1);
        if (month.toEpochDay() < tl.start) {
            month = month.plusMonths(1);
        }
        for (; month.toEpochDay() <= tl.end; month = month.plusMonths(1)) {
            int day = (int) month.toEpochDay();
            int churn = nextChurn(day);
            boolean soon = churn > day && churn <= day + REVIEW_HORIZON;
            boolean reviewed = rng.chance(soon ? REVIEW_IF_CHURNS : REVIEW_IF_STAYS);
            int done = day + rng.between(3, 12);
            int created = day - rng.between(0, 14);
            if (!isLive(day)) {
                continue;
            }
            if (churn > day) {
                done = Math.min(done, churn - 1);
            }
            if (done > tl.end) {
                continue;
            }
            reviews.add(new Review(day, soon, reviewed));
            if (reviewed) {
                tasks.add(new Task(Math.max(tl.start, created), 2, done, null));
            }
        }
    }

    /** The first churn after the day, or -1. */
    private int nextChurn(int day) {
        for (Outcome o : outcomes) {
            if (o.event() == CHURN && o.day() > day) {
                return o.day();
            }
        }
        return -1;
    }

    /**
     * Tasks opened on the warnings (signs before a churn, a contraction or a dip), from a stream of their own: three
     * to five weeks after the signs begin, the CSM opens a task on the red-account outreach rule in three warnings out
     * of five; it is dismissed, or still open or in progress when the history ends. These are not done, so they do
     * not count as acting on anything.
     */
    private void warningTasks(Rng rng, Timeline tl) {
        warnings.sort(Comparator.comparingInt(Warning::onset));
        for (Warning w : warnings) {
            int created = w.onset() + rng.between(21, 35);
            boolean opened = rng.chance(0.6);
            int status = rng.chance(0.7) ? 3 : rng.chance(0.5) ? 0 : 1;
            if (opened && created >= tl.start && created <= tl.end) {
                tasks.add(new Task(created, status, -1, WARNING_RULE));
            }
        }
    }

    private int liveStartBefore(int day) {
        int start = live.get(0)[0];
        for (int[] period : live) {
            if (period[0] <= day) {
                start = period[0];
            }
        }
        return start;
    }

    /** A few routine notes: about one per account every two years, mostly positive or neutral. */
    private void routineNotes(Rng rng, Timeline tl) {
        if (contractStart >= tl.start && rng.chance(0.3)) {
            addNote(rng, tl, contractStart + 60, contractStart + 100, ONBOARDED);
        }
        for (int month = tl.start; month <= tl.end; month += 30) {
            if (rng.chance(0.045)) {
                int kind = rng.weighted(0.45, 0.30, 0.25);
                addNote(rng, tl, month, month + 29, kind == 0 ? POSITIVE : kind == 1 ? NEUTRAL : ROUTINE_NEGATIVE);
            }
        }
    }

    // ---- note vocabulary: {reason, min adjustment, max adjustment}
    private static final Object[][] STRONG_NEGATIVE = {
        {"Exec sponsor left the company", -15, -10},
        {"Budget freeze announced for next fiscal year", -12, -8},
        {"Customer is evaluating a competitor", -15, -10},
        {"Champion has gone quiet for weeks", -10, -6},
        {"Renewal at risk after failed integration", -14, -8},
        {"Escalation over repeated outages", -10, -6},
        {"New leadership is reviewing all vendors", -12, -7},
    };
    private static final Object[][] CONTRACTION_TALK = {
        {"Customer asked to reduce seats at renewal", -8, -4},
        {"Budget review may cut licences", -8, -4},
        {"Team downsizing on the customer side", -7, -3},
    };
    private static final Object[][] DIP_NEGATIVE = {
        {"Usage dipped during a customer reorg", -7, -3},
        {"Key team on leave this quarter", -5, -2},
        {"Unhappy with support response times", -6, -3},
        {"Champion on extended leave", -6, -3},
    };
    private static final Object[][] ROUTINE_NEGATIVE = {
        {"Unhappy with support response times", -6, -3},
        {"Integration project stalled", -7, -3},
        {"Asked for a discount at next renewal", -5, -2},
    };
    private static final Object[][] ONBOARDED = {
        {"Onboarding completed on schedule", 3, 6},
    };
    private static final Object[][] POSITIVE = {
        {"Champion confirmed budget for renewal", 6, 12},
        {"Strong QBR with clear roadmap alignment", 4, 8},
        {"New exec sponsor engaged", 4, 8},
        {"Renewal conversation went well", 5, 10},
        {"Customer presented at our user conference", 4, 8},
    };
    private static final Object[][] EXPANSION_TALK = {
        {"Expansion discussion underway", 6, 12},
        {"New department wants to roll out", 5, 10},
        {"Champion requested a quote for more seats", 6, 12},
    };
    private static final Object[][] RECOVERY = {
        {"Usage recovered after the reorg", 3, 6},
        {"Support issues resolved and customer satisfied", 3, 6},
    };
    private static final Object[][] NEUTRAL = {
        {"Routine check-in with no concerns", 0, 2},
        {"Admin changed and introduced a new contact", -2, 0},
        {"Customer asked for a training refresher", 0, 2},
    };

    /** Adds a note on a weekday in [from, to] while the account is live, unless that day has one already. */
    private void addNote(Rng rng, Timeline tl, int from, int to, Object[][] vocabulary) {
        Object[] entry = rng.pick(vocabulary);
        int adjustment = rng.between((Integer) entry[1], (Integer) entry[2]);
        int expiresAfter = rng.between(30, 90);
        int day = Timeline.nextWorkday(rng.between(from, Math.max(from, to)));
        if (!tl.contains(day) || !isLive(day)) {
            return;
        }
        for (Note n : notes) {
            if (n.day() == day) {
                return;
            }
        }
        notes.add(new Note(day, adjustment, (String) entry[0], day + expiresAfter));
    }

    static long round100(double value) {
        return Math.round(value / 100.0) * 100L;
    }
}
