package com.bellwether.sample;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a realistic, fully synthetic B2B SaaS customer portfolio as the canonical CSV bundle
 * (accounts, usage, tickets, interactions, surveys, outcomes, notes, tasks).
 *
 * <p>The output is a pure function of the {@link GeneratorSettings}: every random choice comes from
 * streams derived from the seed and the account number, never from the clock or hash order, so the
 * same settings give byte-identical files. Rows are streamed account by account; only the tickets are
 * buffered (in primitive arrays) so their ids can follow the order in which they were opened.
 *
 * <p>What is in the data: about 12-18 % of live accounts churn per year (SMB most, Enterprise least),
 * mostly at a renewal date. Three churners in four show some of these signals 30-150 days ahead: usage
 * falling by 30-70 %, a support spike with more urgent and escalated tickets and poorer CSAT,
 * the executive and champion going quiet (sometimes the champion leaves), detractor NPS answers, and
 * sometimes worried CSM notes. The rest churn without warning. About one account in ten has a
 * temporary dip and recovers. Contractions are preceded by milder signals.
 *
 * <p>Expansions follow signs a CS team would see. Whether an account expands in a contract year is drawn at its
 * segment's rate times its propensity: none for a low adopter, rising with adoption from none at 45 % of the seats
 * active to twice the rate at 90 % (so the accounts whose seats are nearly all in use buy more). In the 2-6 months
 * before an expansion active users and usage rise by 15-40 % (up to the licensed seats), and in the last four months
 * the champion and a colleague from the team that is to use the new seats are each in touch every week or two.
 * These decisions draw from streams of their own (the first plan's draws are still made), so rows of accounts
 * whose expansions did not change stay as they were.
 *
 * <p>The planted intervention effect: every month an account is live, its CSM reviews it (a done task naming no
 * rule) with probability 0.087 when it churns within the next 90 days and 0.16 when it does not, which is what a
 * world where a review halves the odds of churn within 90 days gives; reviewed accounts therefore churn less than
 * comparable ones, and {@code bellwether effects} has a true association to find (docs/backtest.md, "The sample's
 * planted effect"). Tasks opened on churn warnings that were dismissed or are still open are written too. Both come
 * from random streams of their own, so the other files are as they were without them.
 */
public final class SampleGenerator {

    public static final String ACCOUNTS = "accounts.csv";
    public static final String USAGE = "usage.csv";
    public static final String TICKETS = "tickets.csv";
    public static final String INTERACTIONS = "interactions.csv";
    public static final String SURVEYS = "surveys.csv";
    public static final String OUTCOMES = "outcomes.csv";
    public static final String NOTES = "notes.csv";
    public static final String TASKS = "tasks.csv";

    private static final String[] TASK_STATUS = {"open", "in_progress", "done", "dismissed"};

    /** File name to its header, in bundle order. */
    public static final Map<String, List<String>> COLUMNS;

    static {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put(ACCOUNTS, List.of("account_id", "name", "segment", "industry", "region", "csm",
                "lifecycle_stage", "arr", "licensed_seats", "contract_start", "renewal_date"));
        columns.put(USAGE, List.of("account_id", "date", "active_users", "logins", "sessions",
                "session_minutes", "core_feature_events", "features_used"));
        columns.put(TICKETS, List.of("ticket_id", "account_id", "opened", "closed", "priority", "escalated", "csat",
                "subject", "description"));
        columns.put(INTERACTIONS, List.of("account_id", "date", "contact", "role", "kind", "summary"));
        columns.put(SURVEYS, List.of("account_id", "date", "nps", "comment"));
        columns.put(OUTCOMES, List.of("account_id", "date", "event", "arr_change"));
        columns.put(NOTES, List.of("account_id", "date", "author", "adjustment", "reason", "expires"));
        columns.put(TASKS, List.of("task_id", "account_id", "rule_id", "created", "status", "completed", "owner"));
        COLUMNS = Collections.unmodifiableMap(columns);
    }

    private static final String[] PRIORITY_TEXT = {"low", "normal", "high", "urgent"};
    private static final double[] ESCALATION_BASE = {0.01, 0.03, 0.12, 0.30};
    private static final double[] RESOLUTION_DAYS = {5, 3, 2, 1};
    private static final String[] KIND_TEXT = {"meeting", "call", "email", "qbr", "login", "event"};
    private static final int MEETING = 0;
    private static final int CALL = 1;
    private static final int EMAIL = 2;
    private static final int QBR = 3;
    private static final int LOGIN = 4;
    private static final int EVENT = 5;
    private static final double[] DETRACTOR_WEIGHTS = {0.06, 0.06, 0.10, 0.14, 0.18, 0.22, 0.24};

    private final GeneratorSettings settings;

    public SampleGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Writes the eight CSV files into dir (created if missing) and returns row counts per file name. */
    public GenerationSummary writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Timeline tl = new Timeline(settings.start(), settings.end());
        String[] csms = csmNames();
        Set<String> companyNames = new HashSet<>();
        TicketBuffer tickets = new TicketBuffer();
        long[] rows = new long[COLUMNS.size()];

        try (CsvWriter accounts = open(dir, ACCOUNTS);
             CsvWriter usage = open(dir, USAGE);
             CsvWriter interactions = open(dir, INTERACTIONS);
             CsvWriter surveys = open(dir, SURVEYS);
             CsvWriter outcomes = open(dir, OUTCOMES);
             CsvWriter notes = open(dir, NOTES);
             CsvWriter tasks = open(dir, TASKS)) {
            for (int i = 0; i < settings.accounts(); i++) {
                AccountPlan plan = AccountPlan.plan(settings.seed(), i, tl, csms.length, companyNames);
                rows[0] += writeAccount(accounts, plan, csms);
                rows[1] += settings.cadence() == UsageCadence.DAILY
                        ? writeDailyUsage(usage, plan, tl)
                        : writeWeeklyUsage(usage, plan, tl);
                collectTickets(tickets, plan, tl);
                rows[3] += writeInteractions(interactions, plan, tl);
                rows[4] += writeSurveys(surveys, plan, tl);
                rows[5] += writeOutcomes(outcomes, plan, tl);
                rows[6] += writeNotes(notes, plan, tl, csms);
                rows[7] += writeTasks(tasks, plan, tl, csms);
            }
        }
        try (CsvWriter out = open(dir, TICKETS)) {
            rows[2] = tickets.writeTo(out, tl);
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        int i = 0;
        for (String file : COLUMNS.keySet()) {
            counts.put(file, rows[i++]);
        }
        return new GenerationSummary(counts);
    }

    private static CsvWriter open(Path dir, String file) throws IOException {
        CsvWriter writer = CsvWriter.builder()
                .lineDelimiter(LineDelimiter.LF)
                .bufferSize(65_536)
                .build(dir.resolve(file), StandardCharsets.UTF_8);
        writer.writeRecord(COLUMNS.get(file));
        return writer;
    }

    /** About one CSM per 50 accounts, with distinct names. */
    private String[] csmNames() {
        int count = Math.max(1, (int) Math.round(settings.accounts() / 50.0));
        Rng rng = Rng.of(settings.seed(), -1, 9);
        Set<String> used = new HashSet<>();
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = Names.person(rng, used);
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------ accounts

    private static int writeAccount(CsvWriter out, AccountPlan p, String[] csms) {
        out.writeRecord(p.id, p.name, Names.SEGMENTS[p.segment], Names.INDUSTRIES[p.industry],
                Names.REGIONS[p.region], csms[p.csm], "", Long.toString(p.finalArr),
                Integer.toString(p.finalSeats), dateText(p.contractStart), dateText(p.renewalDate));
        return 1;
    }

    private static String dateText(int day) {
        return java.time.LocalDate.ofEpochDay(day).toString();
    }

    // ------------------------------------------------------------------------------------------ usage

    private long writeWeeklyUsage(CsvWriter out, AccountPlan p, Timeline tl) {
        Rng rng = Rng.of(settings.seed(), p.index, 7);
        long count = 0;
        double ar = 0;
        for (int[] period : p.live) {
            int from = Math.max(period[0], tl.start);
            int to = Math.min(period[1], tl.end + 1);
            int monday = Timeline.mondayOnOrBefore(from);
            if (monday < from) {
                monday += 7;
            }
            for (; monday < to && monday + 6 <= tl.end; monday += 7) {
                int liveDays = Math.min(to, monday + 7) - monday;
                double sumF = 0;
                double sumWeighted = 0;
                double sumCore = 0;
                for (int d = monday; d < monday + liveDays; d++) {
                    double mult = p.usageMultiplier(d);
                    double f = AccountPlan.ramp(period, d) * tl.season(p.region, d) * mult;
                    double wd = tl.weekday(d);
                    sumF += f;
                    sumWeighted += f * wd;
                    sumCore += f * wd * (mult == 1.0 ? 1.0 : StrictMath.pow(mult, 0.6));
                }
                ar = 0.75 * ar + 0.05 * rng.gaussian();
                double common = StrictMath.exp(ar) * rng.noise(0.06);
                double avgF = sumF / liveDays;
                int seats = p.seatsAt(monday);
                int cap = p.seatCap(monday);
                double partial = liveDays == 7 ? 1.0 : StrictMath.pow(liveDays / 7.0, 0.35);
                long wau = Math.min(cap, Math.round(seats * p.adoption * Math.min(avgF, 1.6) * partial
                        * common * rng.noise(0.03)));
                double activity = seats * p.adoption * p.dailyShare * common;
                long logins = 0;
                long sessions = 0;
                long minutes = 0;
                long core = 0;
                int features = 0;
                double n1 = rng.noise(0.05);
                double n2 = rng.noise(0.04);
                double n3 = rng.noise(0.06);
                double n4 = rng.noise(0.08);
                double n5 = rng.noise(0.08);
                if (wau > 0) {
                    logins = Math.max(wau, Math.round(activity * sumWeighted * p.loginsPerUserDay * n1));
                    sessions = Math.max(logins, Math.round(logins * p.sessionsPerLogin * n2));
                    minutes = Math.round(sessions * p.minutesPerSession * n3);
                    core = Math.round(activity * sumCore * p.corePerUserDay * n4);
                    features = clamp((int) Math.round(p.maxFeatures * p.depth
                            * (0.55 + 0.45 * Math.min(1.0, avgF)) * n5), 1, p.maxFeatures);
                }
                out.writeRecord(p.id, tl.date(monday), Long.toString(wau), Long.toString(logins),
                        Long.toString(sessions), Long.toString(minutes), Long.toString(core),
                        Integer.toString(features));
                count++;
            }
        }
        return count;
    }

    private long writeDailyUsage(CsvWriter out, AccountPlan p, Timeline tl) {
        Rng rng = Rng.of(settings.seed(), p.index, 7);
        long count = 0;
        double ar = 0;
        double arFactor = 1;
        for (int[] period : p.live) {
            int from = Math.max(period[0], tl.start);
            int to = Math.min(period[1], tl.end + 1);
            for (int d = from; d < to; d++) {
                if (d == from || Timeline.mondayOnOrBefore(d) == d) {
                    ar = 0.75 * ar + 0.05 * rng.gaussian();
                    arFactor = StrictMath.exp(ar);
                }
                int seats = p.seatsAt(d);
                int cap = p.seatCap(d);
                double mult = p.usageMultiplier(d);
                double f = AccountPlan.ramp(period, d) * tl.season(p.region, d) * mult;
                double wd = tl.weekday(d);
                double common = arFactor * rng.noise(0.10);
                long dau = Math.min(cap, Math.round(seats * p.adoption * p.dailyShare * f * wd * common));
                double n1 = rng.noise(0.06);
                double n2 = rng.noise(0.05);
                double n3 = rng.noise(0.08);
                double n4 = rng.noise(0.12);
                double n5 = rng.noise(0.10);
                long logins = 0;
                long sessions = 0;
                long minutes = 0;
                long core = 0;
                int features = 0;
                if (dau > 0) {
                    logins = Math.max(dau, Math.round(dau * p.loginsPerUserDay * n1));
                    sessions = Math.max(logins, Math.round(logins * p.sessionsPerLogin * n2));
                    minutes = Math.round(sessions * p.minutesPerSession * n3);
                    core = Math.round(dau * p.corePerUserDay * (mult == 1.0 ? 1.0 : StrictMath.pow(mult, 0.6)) * n4);
                    features = clamp((int) Math.round(p.maxFeatures * p.depth
                            * (0.3 + 0.4 * Math.min(1.0, f * wd)) * n5), 1, p.maxFeatures);
                }
                out.writeRecord(p.id, tl.date(d), Long.toString(dau), Long.toString(logins),
                        Long.toString(sessions), Long.toString(minutes), Long.toString(core),
                        Integer.toString(features));
                count++;
            }
        }
        return count;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    // ------------------------------------------------------------------------------------------ tickets

    private void collectTickets(TicketBuffer buffer, AccountPlan p, Timeline tl) {
        Rng rng = Rng.of(settings.seed(), p.index, 5);
        Rng texts = Rng.of(settings.seed(), p.index, SampleTexts.TICKET_STREAM);
        double perDay = p.ticketsPerMonth / 30.44;
        for (int[] period : p.live) {
            int from = Math.max(period[0], tl.start);
            int to = Math.min(period[1], tl.end + 1);
            for (int d = from; d < to; d++) {
                double rate = perDay * (tl.weekendInWindow(d) ? 0.25 : 1.3);
                if (d - period[0] < 60) {
                    rate *= 1.8;
                }
                rate *= p.supportRate(d);
                if (rng.uniform() >= Math.min(0.95, rate)) {
                    continue;
                }
                double sev = p.supportSeverity(d);
                int priority = rng.weighted(0.27 - 0.17 * sev, 0.55 - 0.19 * sev, 0.14 + 0.20 * sev, 0.04 + 0.16 * sev);
                boolean escalated = rng.chance(ESCALATION_BASE[priority] + 0.15 * sev);
                double meanDays = RESOLUTION_DAYS[priority] * (escalated ? 2.0 : 1.0) * (1.0 + sev);
                int days = (int) Math.floor(-meanDays * StrictMath.log(1.0 - rng.uniform()));
                int closed = d + days;
                int csat = 0;
                if (closed > tl.end) {
                    closed = -1;
                } else if (rng.chance(0.6)) {
                    double mean = 4.4 - (escalated ? 0.9 : 0) - 1.6 * sev - 0.08 * Math.min(days, 15);
                    csat = clamp((int) Math.round(mean + 0.8 * rng.gaussian()), 1, 5);
                }
                // A subject on every ticket, a description on about one in three; urgent ones sound worse.
                int tone = SampleTexts.tone(texts, Math.min(1, SampleTexts.trouble(p, d) + 0.1 * priority), 0.12);
                short subject = SampleTexts.pick(texts, SampleTexts.SUBJECTS, tone);
                short description = texts.chance(0.3) ? SampleTexts.pick(texts, SampleTexts.DESCRIPTIONS, tone) : -1;
                buffer.add(p.index, d, closed, priority, escalated, csat, subject, description);
            }
        }
    }

    /** Tickets in primitive arrays, written sorted by opening day so that ticket ids are chronological. */
    private static final class TicketBuffer {
        private int size;
        private int[] account = new int[1024];
        private int[] opened = new int[1024];
        private int[] closed = new int[1024];
        private byte[] priority = new byte[1024];
        private boolean[] escalated = new boolean[1024];
        private byte[] csat = new byte[1024];
        private short[] subject = new short[1024];
        private short[] description = new short[1024];

        void add(int accountIndex, int openedDay, int closedDay, int prio, boolean esc, int score, short subjectCode,
                 short descriptionCode) {
            if (size == account.length) {
                int n = size * 2;
                account = Arrays.copyOf(account, n);
                opened = Arrays.copyOf(opened, n);
                closed = Arrays.copyOf(closed, n);
                priority = Arrays.copyOf(priority, n);
                escalated = Arrays.copyOf(escalated, n);
                csat = Arrays.copyOf(csat, n);
                subject = Arrays.copyOf(subject, n);
                description = Arrays.copyOf(description, n);
            }
            account[size] = accountIndex;
            opened[size] = openedDay;
            closed[size] = closedDay;
            priority[size] = (byte) prio;
            escalated[size] = esc;
            csat[size] = (byte) score;
            subject[size] = subjectCode;
            description[size] = descriptionCode;
            size++;
        }

        long writeTo(CsvWriter out, Timeline tl) {
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = ((long) (opened[i] - tl.start) << 32) | i;
            }
            Arrays.sort(order);
            String lastId = null;
            int lastAccount = -1;
            for (int n = 0; n < size; n++) {
                int i = (int) (order[n] & 0xFFFF_FFFFL);
                if (account[i] != lastAccount) {
                    lastAccount = account[i];
                    lastId = AccountPlan.accountId(lastAccount);
                }
                out.writeRecord(ticketId(n + 1), lastId, tl.date(opened[i]),
                        closed[i] < 0 ? "" : tl.date(closed[i]), PRIORITY_TEXT[priority[i]],
                        escalated[i] ? "true" : "false", csat[i] == 0 ? "" : Integer.toString(csat[i]),
                        SampleTexts.text(SampleTexts.SUBJECTS, subject[i]),
                        SampleTexts.text(SampleTexts.DESCRIPTIONS, description[i]));
            }
            return size;
        }

        private static String ticketId(int n) {
            String digits = Integer.toString(n);
            StringBuilder b = new StringBuilder(12).append("T-");
            for (int i = digits.length(); i < 6; i++) {
                b.append('0');
            }
            return b.append(digits).toString();
        }
    }

    // ------------------------------------------------------------------------------------------ interactions

    private record Touch(int day, int role, String contact, int kind) {
    }

    private static final Comparator<Touch> TOUCH_ORDER = Comparator.comparingInt(Touch::day)
            .thenComparingInt(Touch::role).thenComparing(Touch::contact).thenComparingInt(Touch::kind);

    private long writeInteractions(CsvWriter out, AccountPlan p, Timeline tl) {
        Rng rng = Rng.of(settings.seed(), p.index, 4);
        double execEvery = rng.uniform(30, 90);
        double championEvery = rng.uniform(21, 42);
        double adminEvery = rng.uniform(30, 75);
        double userEvery = rng.uniform(60, 150);
        List<Touch> touches = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int[] period : p.live) {
            int from = Math.max(period[0], tl.start);
            int to = Math.min(period[1], tl.end + 1);
            if (from >= to) {
                continue;
            }
            for (int d = from + rng.between(0, 45); d < to; d += (int) Math.round(execEvery * rng.uniform(0.7, 1.3))) {
                int kind = rng.weighted(0.55, 0.35, 0.10) == 0 ? MEETING : rng.chance(0.8) ? CALL : EVENT;
                touch(touches, keys, rng, p, tl, to, d, AccountPlan.EXECUTIVE, p.executive.at(d), kind);
            }
            for (int d = from + rng.between(0, 21); d < to; d += (int) Math.round(championEvery * rng.uniform(0.6, 1.4))) {
                int kind = switch (rng.weighted(0.40, 0.45, 0.15)) {
                    case 0 -> CALL;
                    case 1 -> EMAIL;
                    default -> MEETING;
                };
                touch(touches, keys, rng, p, tl, to, d, AccountPlan.CHAMPION, p.champion.at(d), kind);
            }
            for (int d = from + rng.between(0, 30); d < to; d += (int) Math.round(adminEvery * rng.uniform(0.7, 1.3))) {
                int kind = switch (rng.weighted(0.5, 0.2, 0.2, 0.1)) {
                    case 0 -> EMAIL;
                    case 1 -> CALL;
                    case 2 -> LOGIN;
                    default -> EVENT;
                };
                touch(touches, keys, rng, p, tl, to, d, AccountPlan.ADMIN, p.admin.at(d), kind);
            }
            for (String user : p.users) {
                for (int d = from + rng.between(0, 60); d < to; d += (int) Math.round(userEvery * rng.uniform(0.6, 1.4))) {
                    int kind = switch (rng.weighted(0.5, 0.3, 0.2)) {
                        case 0 -> LOGIN;
                        case 1 -> EVENT;
                        default -> EMAIL;
                    };
                    touch(touches, keys, rng, p, tl, to, d, AccountPlan.USER, user, kind);
                }
            }
            if (p.segment > 0) {
                for (int d = from + rng.between(20, 91); d < to; d += rng.between(81, 101)) {
                    touch(touches, keys, rng, p, tl, to, d, AccountPlan.CHAMPION, p.champion.at(d), QBR);
                    if (rng.chance(0.6)) {
                        touch(touches, keys, rng, p, tl, to, d, AccountPlan.EXECUTIVE, p.executive.at(d), QBR);
                    }
                }
            }
            // procurement gets in touch ahead of each renewal
            java.time.LocalDate start = java.time.LocalDate.ofEpochDay(p.contractStart);
            for (int k = 1; ; k++) {
                int anniversary = (int) start.plusMonths(12L * k).toEpochDay();
                if (anniversary - 45 >= to) {
                    break;
                }
                int d = anniversary - rng.between(20, 45);
                if (d >= from) {
                    touch(touches, keys, rng, p, tl, to, d, AccountPlan.OTHER, p.procurement, EMAIL);
                    if (rng.chance(0.3)) {
                        touch(touches, keys, rng, p, tl, to, d + rng.between(3, 10), AccountPlan.OTHER, p.procurement, CALL);
                    }
                }
            }
        }
        // An engaged champion ahead of an expansion: the champion, and a colleague from the team that is to use
        // the new seats, each in touch every week or two in the run-up; from a stream of its own, so the touches
        // above stay as they were.
        Rng engaged = Rng.of(settings.seed(), p.index, 32);
        for (int[] runUp : p.expansionRunUps) {
            String colleague = Names.person(engaged, new HashSet<>(p.users));
            for (String contact : new String[] {null, colleague}) {
                for (int d = runUp[0] + engaged.between(0, 10); d < runUp[1]; d += engaged.between(7, 15)) {
                    int kind = switch (engaged.weighted(0.45, 0.30, 0.25)) {
                        case 0 -> CALL;
                        case 1 -> EMAIL;
                        default -> MEETING;
                    };
                    touch(touches, keys, engaged, p, tl, tl.end + 1, d, AccountPlan.CHAMPION,
                            contact == null ? p.champion.at(d) : contact, kind);
                }
            }
        }
        touches.sort(TOUCH_ORDER);
        Rng texts = Rng.of(settings.seed(), p.index, SampleTexts.INTERACTION_STREAM);
        for (Touch t : touches) {
            // Meetings and QBRs get a summary; calls, emails, logins and events do not.
            String summary = "";
            if (t.kind() == MEETING || t.kind() == QBR) {
                int tone = SampleTexts.tone(texts, SampleTexts.trouble(p, t.day()), 0.45);
                summary = SampleTexts.text(SampleTexts.SUMMARIES, SampleTexts.pick(texts, SampleTexts.SUMMARIES, tone));
            }
            out.writeRecord(p.id, tl.date(t.day()), t.contact(), AccountPlan.ROLE_TEXT[t.role()], KIND_TEXT[t.kind()],
                    summary);
        }
        return touches.size();
    }

    private static void touch(List<Touch> touches, Set<String> keys, Rng rng, AccountPlan p, Timeline tl,
                              int to, int day, int role, String contact, int kind) {
        double skip = rng.uniform();
        int d = kind == LOGIN ? day : Timeline.nextWorkday(day);
        if (contact == null || d >= to || !tl.contains(d)) {
            return;
        }
        if (skip < p.suppression(role, d)) {
            return;
        }
        if (keys.add(d + "|" + contact + "|" + kind)) {
            touches.add(new Touch(d, role, contact, kind));
        }
    }

    // ------------------------------------------------------------------------------------------ surveys

    private long writeSurveys(CsvWriter out, AccountPlan p, Timeline tl) {
        if (!p.surveyed) {
            return 0;
        }
        Rng rng = Rng.of(settings.seed(), p.index, 6);
        Rng texts = Rng.of(settings.seed(), p.index, SampleTexts.SURVEY_STREAM);
        long count = 0;
        int last = Integer.MIN_VALUE;
        for (int[] period : p.live) {
            int from = Math.max(period[0], tl.start);
            int to = Math.min(period[1], tl.end + 1);
            for (int d = from + rng.between(20, 180); d < to; d += rng.between(165, 200)) {
                int day = Timeline.nextWorkday(d);
                boolean detractor = p.detractor(day);
                int nps = detractor
                        ? rng.weighted(DETRACTOR_WEIGHTS)
                        : clamp((int) Math.round(p.npsMean + p.npsShift(day) + 1.5 * rng.gaussian()), 0, 10);
                if (day >= to || day <= last || !tl.contains(day)) {
                    continue;
                }
                // About half the answers carry a comment, whose tone follows the score and the account's trouble.
                String comment = "";
                if (texts.chance(0.5)) {
                    double trouble = Math.max(SampleTexts.trouble(p, day), nps <= 6 ? 0.7 : nps >= 9 ? 0 : 0.2);
                    int tone = SampleTexts.tone(texts, trouble, 0.6);
                    comment = SampleTexts.text(SampleTexts.COMMENTS, SampleTexts.pick(texts, SampleTexts.COMMENTS, tone));
                }
                out.writeRecord(p.id, tl.date(day), Integer.toString(nps), comment);
                last = day;
                count++;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------------------------------ outcomes, notes

    private static long writeOutcomes(CsvWriter out, AccountPlan p, Timeline tl) {
        for (AccountPlan.Outcome o : p.outcomes) {
            out.writeRecord(p.id, tl.date(o.day()), AccountPlan.EVENT_TEXT[o.event()], Long.toString(o.arrChange()));
        }
        return p.outcomes.size();
    }

    private static long writeNotes(CsvWriter out, AccountPlan p, Timeline tl, String[] csms) {
        String author = csms[p.csm];
        for (AccountPlan.Note n : p.notes) {
            out.writeRecord(p.id, tl.date(n.day()), author, Integer.toString(n.adjustment()), n.reason(),
                    tl.date(n.expires()));
        }
        return p.notes.size();
    }

    private static long writeTasks(CsvWriter out, AccountPlan p, Timeline tl, String[] csms) {
        int n = 0;
        for (AccountPlan.Task task : p.tasks) {
            n++;
            out.writeRecord("T-" + p.id.substring("ACC-".length()) + "-" + n, p.id,
                    task.rule() == null ? "" : task.rule(), tl.date(task.created()), TASK_STATUS[task.status()],
                    task.completed() < 0 ? "" : tl.date(task.completed()), csms[p.csm]);
        }
        return n;
    }

    /**
     * A month's review decision: the account, the first day of the month, whether it churns within the next 90 days,
     * and whether its CSM reviewed it (a done task naming no rule, 3 to 12 days into the month).
     */
    public record Review(String accountId, LocalDate monthStart, boolean churnsSoon, boolean reviewed) {
    }

    /** What the generator decided about the monthly reviews (the same plans as {@link #writeTo}). */
    public List<Review> reviews() {
        Timeline tl = new Timeline(settings.start(), settings.end());
        String[] csms = csmNames();
        Set<String> companyNames = new HashSet<>();
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < settings.accounts(); i++) {
            AccountPlan plan = AccountPlan.plan(settings.seed(), i, tl, csms.length, companyNames);
            for (AccountPlan.Review review : plan.reviews) {
                reviews.add(new Review(plan.id, LocalDate.ofEpochDay(review.monthStart()), review.churnsSoon(),
                        review.reviewed()));
            }
        }
        return reviews;
    }
}
