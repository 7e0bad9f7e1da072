package com.bellwether.sample;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleGeneratorTest {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @TempDir
    static Path shared;

    private static Path bundle;
    private static GenerationSummary summary;
    private static GeneratorSettings settings;
    private static Data data;

    @BeforeAll
    static void generateDefaults() throws IOException {
        settings = GeneratorSettings.defaults();
        bundle = shared.resolve("defaults");
        summary = new SampleGenerator(settings).writeTo(bundle);
        data = new Data(bundle);
    }

    // ------------------------------------------------------------------ determinism and format

    @Test
    void sameSettingsGiveByteIdenticalFiles(@TempDir Path other) throws IOException {
        GenerationSummary again = new SampleGenerator(GeneratorSettings.defaults()).writeTo(other);

        assertThat(again).isEqualTo(summary);
        for (String file : SampleGenerator.COLUMNS.keySet()) {
            assertThat(Files.mismatch(bundle.resolve(file), other.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void anotherSeedGivesOtherFiles(@TempDir Path other) throws IOException {
        new SampleGenerator(settings.withSeed(43)).writeTo(other);

        for (String file : List.of("accounts.csv", "usage.csv", "tickets.csv", "outcomes.csv")) {
            assertThat(Files.mismatch(bundle.resolve(file), other.resolve(file))).as(file).isNotEqualTo(-1L);
        }
    }

    @Test
    void headersAreTheCanonicalColumns() throws IOException {
        Map<String, String> expected = Map.of(
                "accounts.csv", "account_id,name,segment,industry,region,csm,lifecycle_stage,arr,licensed_seats,contract_start,renewal_date",
                "usage.csv", "account_id,date,active_users,logins,sessions,session_minutes,core_feature_events,features_used",
                "tickets.csv", "ticket_id,account_id,opened,closed,priority,escalated,csat,subject,description",
                "interactions.csv", "account_id,date,contact,role,kind,summary",
                "surveys.csv", "account_id,date,nps,comment",
                "outcomes.csv", "account_id,date,event,arr_change",
                "notes.csv", "account_id,date,author,adjustment,reason,expires",
                "tasks.csv", "task_id,account_id,rule_id,created,status,completed,owner");
        assertThat(summary.rowsPerFile().keySet()).containsExactly("accounts.csv", "usage.csv", "tickets.csv",
                "interactions.csv", "surveys.csv", "outcomes.csv", "notes.csv", "tasks.csv");
        for (var entry : expected.entrySet()) {
            String text = Files.readString(bundle.resolve(entry.getKey()), StandardCharsets.UTF_8);
            assertThat(text.substring(0, text.indexOf('\n'))).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(text).as(entry.getKey()).doesNotContain("\r").endsWith("\n");
        }
    }

    @Test
    void reviewsAreDoneTasksNamingNoRuleAndWarningsGetTasksNotDone() throws IOException {
        List<String> lines = Files.readAllLines(bundle.resolve("tasks.csv"), StandardCharsets.UTF_8);
        long reviews = new SampleGenerator(settings).reviews().stream().filter(SampleGenerator.Review::reviewed).count();
        long done = lines.stream().skip(1).filter(l -> l.split(",", -1)[4].equals("done")).count();
        assertThat(done).isEqualTo(reviews);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[4].equals("done")) {
                assertThat(cells[2]).as(line).isEmpty();
                assertThat(LocalDate.parse(cells[5])).as(line).isAfterOrEqualTo(LocalDate.parse(cells[3]));
            } else {
                assertThat(cells[2]).as(line).isEqualTo("red-outreach");
                assertThat(cells[5]).as(line).isEmpty();
            }
        }
        assertThat(lines.stream().skip(1).map(l -> l.split(",", -1)[4])).contains("open", "in_progress", "dismissed");
    }

    @Test
    void summaryCountsTheDataRowsOfEachFile() throws IOException {
        for (var entry : summary.rowsPerFile().entrySet()) {
            long lines;
            try (var stream = Files.lines(bundle.resolve(entry.getKey()), StandardCharsets.UTF_8)) {
                lines = stream.count();
            }
            assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(lines - 1).isPositive();
        }
        assertThat(summary.rows("accounts.csv")).isEqualTo(600);
        assertThat(summary.rows("usage.csv")).isGreaterThan(30_000);
        assertThat(summary.rows("tickets.csv")).isGreaterThan(5_000);
    }

    @Test
    void numbersAndDatesArePlain() {
        Map<String, List<String>> numeric = Map.of(
                "accounts.csv", List.of("arr", "licensed_seats"),
                "usage.csv", List.of("active_users", "logins", "sessions", "session_minutes", "core_feature_events", "features_used"),
                "outcomes.csv", List.of("arr_change"),
                "notes.csv", List.of("adjustment"),
                "surveys.csv", List.of("nps"));
        Map<String, List<String>> dates = Map.of(
                "accounts.csv", List.of("contract_start", "renewal_date"),
                "usage.csv", List.of("date"),
                "tickets.csv", List.of("opened", "closed"),
                "interactions.csv", List.of("date"),
                "surveys.csv", List.of("date"),
                "outcomes.csv", List.of("date"),
                "notes.csv", List.of("date", "expires"));
        List<String> bad = new ArrayList<>();
        numeric.forEach((file, columns) -> {
            for (NamedCsvRecord r : data.file(file)) {
                for (String c : columns) {
                    if (!NUMBER.matcher(r.getField(c)).matches()) {
                        bad.add(file + " " + c + "=" + r.getField(c));
                    }
                }
            }
        });
        dates.forEach((file, columns) -> {
            for (NamedCsvRecord r : data.file(file)) {
                for (String c : columns) {
                    String v = r.getField(c);
                    boolean openTicket = file.equals("tickets.csv") && c.equals("closed") && v.isEmpty();
                    if (!openTicket && !isIsoDate(v)) {
                        bad.add(file + " " + c + "=" + v);
                    }
                }
            }
        });
        assertThat(bad).isEmpty();
    }

    private static boolean isIsoDate(String value) {
        if (!ISO_DATE.matcher(value).matches()) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ integrity

    @Test
    void everyAccountIdExistsInAccounts() {
        assertThat(data.accounts).hasSize(600);
        for (String file : List.of("usage.csv", "tickets.csv", "interactions.csv", "surveys.csv", "outcomes.csv", "notes.csv")) {
            Set<String> ids = new HashSet<>();
            data.file(file).forEach(r -> ids.add(r.getField("account_id")));
            assertThat(data.accounts.keySet()).as(file).containsAll(ids);
        }
    }

    @Test
    void keysAreUnique() {
        assertUnique("accounts.csv", "account_id");
        assertUnique("accounts.csv", "name");
        assertUnique("usage.csv", "account_id", "date");
        assertUnique("tickets.csv", "ticket_id");
        assertUnique("interactions.csv", "account_id", "date", "contact", "kind");
        assertUnique("surveys.csv", "account_id", "date");
        assertUnique("outcomes.csv", "account_id", "date", "event");
        assertUnique("notes.csv", "account_id", "date", "author");
        assertThat(data.accounts.keySet()).allMatch(id -> id.matches("ACC-\\d{5}"));
        assertThat(data.file("tickets.csv")).allMatch(r -> r.getField("ticket_id").matches("T-\\d{6}"));
    }

    private static void assertUnique(String file, String... columns) {
        Set<String> seen = new HashSet<>();
        for (NamedCsvRecord r : data.file(file)) {
            StringBuilder key = new StringBuilder();
            for (String c : columns) {
                key.append(r.getField(c)).append('\u0001');
            }
            assertThat(seen.add(key.toString())).as(file + " duplicate " + key).isTrue();
        }
    }

    @Test
    void accountsLookLikeAPortfolio() {
        Map<String, Integer> perSegment = new TreeMap<>();
        Set<String> csms = new HashSet<>();
        for (NamedCsvRecord a : data.accounts.values()) {
            String segment = a.getField("segment");
            perSegment.merge(segment, 1, Integer::sum);
            assertThat(segment).isIn("SMB", "Mid-Market", "Enterprise");
            assertThat(a.getField("region")).isIn("NA", "EMEA", "APAC", "LATAM");
            assertThat(a.getField("lifecycle_stage")).isEmpty();
            assertThat(a.getField("name")).isNotBlank();
            assertThat(Long.parseLong(a.getField("arr"))).isPositive();
            assertThat(Integer.parseInt(a.getField("licensed_seats"))).isPositive();
            LocalDate start = LocalDate.parse(a.getField("contract_start"));
            LocalDate renewal = LocalDate.parse(a.getField("renewal_date"));
            assertThat(renewal).isAfter(start);
            assertThat(isAnniversary(start, renewal)).as("renewal %s of contract %s", renewal, start).isTrue();
            if (!data.churned(a.getField("account_id"))) {
                assertThat(renewal).isAfter(settings.end());
            }
            csms.add(a.getField("csm"));
        }
        assertThat(perSegment.keySet()).containsExactly("Enterprise", "Mid-Market", "SMB");
        assertThat(perSegment.get("SMB")).isGreaterThan(perSegment.get("Enterprise"));
        assertThat(csms).hasSizeBetween(10, 14);
        long startedBefore = data.accounts.values().stream()
                .filter(a -> LocalDate.parse(a.getField("contract_start")).isBefore(settings.start())).count();
        assertThat(startedBefore / 600.0).isBetween(0.5, 0.7);
        assertThat(data.accounts.values().stream().map(a -> a.getField("industry")).distinct().count()).isEqualTo(8);
    }

    @Test
    void valuesStayInTheirDomains() {
        List<String> bad = new ArrayList<>();
        for (NamedCsvRecord u : data.file("usage.csv")) {
            int seats = Integer.parseInt(data.accounts.get(u.getField("account_id")).getField("licensed_seats"));
            long active = Long.parseLong(u.getField("active_users"));
            if (active < 0 || active > seats || Long.parseLong(u.getField("logins")) < active
                    || LocalDate.parse(u.getField("date")).getDayOfWeek() != DayOfWeek.MONDAY) {
                bad.add(u.toString());
            }
        }
        assertThat(bad).as("usage rows with active_users outside 0..seats, logins < active users or not on a Monday")
                .isEmpty();
        long closed = 0;
        long rated = 0;
        for (NamedCsvRecord t : data.file("tickets.csv")) {
            assertThat(t.getField("priority")).isIn("low", "normal", "high", "urgent");
            assertThat(t.getField("escalated")).isIn("true", "false");
            if (!t.getField("closed").isEmpty()) {
                closed++;
                assertThat(LocalDate.parse(t.getField("closed"))).isAfterOrEqualTo(LocalDate.parse(t.getField("opened")))
                        .isBeforeOrEqualTo(settings.end());
                if (!t.getField("csat").isEmpty()) {
                    rated++;
                    assertThat(Integer.parseInt(t.getField("csat"))).isBetween(1, 5);
                }
            } else {
                assertThat(t.getField("csat")).isEmpty();
            }
        }
        assertThat(rated / (double) closed).isBetween(0.55, 0.65);
        for (NamedCsvRecord i : data.file("interactions.csv")) {
            assertThat(i.getField("role")).isIn("executive", "champion", "admin", "user", "other");
            assertThat(i.getField("kind")).isIn("meeting", "call", "email", "qbr", "login", "event");
            assertThat(i.getField("contact")).contains(" ");
        }
        for (NamedCsvRecord s : data.file("surveys.csv")) {
            assertThat(Integer.parseInt(s.getField("nps"))).isBetween(0, 10);
        }
        Map<String, Integer> events = new TreeMap<>();
        for (NamedCsvRecord o : data.file("outcomes.csv")) {
            String event = o.getField("event");
            long change = Long.parseLong(o.getField("arr_change"));
            events.merge(event, 1, Integer::sum);
            switch (event) {
                case "churn", "contraction" -> assertThat(change).isNegative();
                case "expansion", "reactivation" -> assertThat(change).isPositive();
                case "renewal" -> assertThat(change).isNotNegative();
                default -> throw new AssertionError("unknown event " + event);
            }
        }
        assertThat(events.keySet()).containsExactly("churn", "contraction", "expansion", "reactivation", "renewal");
        for (NamedCsvRecord n : data.file("notes.csv")) {
            assertThat(Integer.parseInt(n.getField("adjustment"))).isBetween(-15, 15);
            long days = ChronoUnit.DAYS.between(LocalDate.parse(n.getField("date")), LocalDate.parse(n.getField("expires")));
            assertThat(days).isBetween(30L, 90L);
            assertThat(n.getField("author")).isEqualTo(data.accounts.get(n.getField("account_id")).getField("csm"));
            assertThat(n.getField("reason")).isNotBlank();
        }
    }

    @Test
    void churnedAccountsCarryTheirArrAtChurn() {
        for (String id : data.accounts.keySet()) {
            List<NamedCsvRecord> events = data.outcomes.getOrDefault(id, List.of());
            if (events.isEmpty()) {
                continue;
            }
            NamedCsvRecord last = events.get(events.size() - 1);
            if (last.getField("event").equals("churn")) {
                assertThat(-Long.parseLong(last.getField("arr_change")))
                        .isEqualTo(Long.parseLong(data.accounts.get(id).getField("arr")));
            }
        }
    }

    @Test
    void rowsOnlyWhileTheAccountIsLive() {
        for (NamedCsvRecord u : data.file("usage.csv")) {
            assertThat(data.isLive(u.getField("account_id"), LocalDate.parse(u.getField("date"))))
                    .as("usage %s %s", u.getField("account_id"), u.getField("date")).isTrue();
        }
        for (NamedCsvRecord t : data.file("tickets.csv")) {
            assertThat(data.isLive(t.getField("account_id"), LocalDate.parse(t.getField("opened")))).isTrue();
        }
        for (NamedCsvRecord i : data.file("interactions.csv")) {
            assertThat(data.isLive(i.getField("account_id"), LocalDate.parse(i.getField("date")))).isTrue();
        }
        for (NamedCsvRecord n : data.file("notes.csv")) {
            assertThat(data.isLive(n.getField("account_id"), LocalDate.parse(n.getField("date")))).isTrue();
        }
        // reactivated accounts do have usage again
        long reactivatedWithUsage = data.file("outcomes.csv").stream()
                .filter(o -> o.getField("event").equals("reactivation"))
                .filter(o -> data.usage.getOrDefault(o.getField("account_id"), List.of()).stream()
                        .anyMatch(u -> u.date.isAfter(LocalDate.parse(o.getField("date")))))
                .count();
        assertThat(reactivatedWithUsage).isPositive();
    }

    // ------------------------------------------------------------------ churn and its signals

    @Test
    void churnRatePerYearIsRealistic() {
        Map<String, double[]> perSegment = new TreeMap<>(); // segment -> {churns, live years}
        for (NamedCsvRecord a : data.accounts.values()) {
            String id = a.getField("account_id");
            double[] acc = perSegment.computeIfAbsent(a.getField("segment"), s -> new double[2]);
            acc[0] += data.churnDates(id).size();
            acc[1] += data.liveDaysInWindow(id) / 365.25;
        }
        double churns = perSegment.values().stream().mapToDouble(v -> v[0]).sum();
        double years = perSegment.values().stream().mapToDouble(v -> v[1]).sum();
        assertThat(churns / years).isBetween(0.08, 0.25);
        double smb = perSegment.get("SMB")[0] / perSegment.get("SMB")[1];
        double enterprise = perSegment.get("Enterprise")[0] / perSegment.get("Enterprise")[1];
        assertThat(smb).isGreaterThan(enterprise);
        long midTerm = 0;
        long total = 0;
        for (String id : data.accounts.keySet()) {
            LocalDate start = LocalDate.parse(data.accounts.get(id).getField("contract_start"));
            for (LocalDate churn : data.churnDates(id)) {
                total++;
                if (!isAnniversary(start, churn)) {
                    midTerm++;
                }
            }
        }
        assertThat(midTerm / (double) total).as("share of churns between renewal dates").isBetween(0.05, 0.35);
    }

    @Test
    void churnersUseTheCoreFeatureLessBeforeTheyLeave() {
        List<Double> churners = new ArrayList<>();
        for (String id : data.accounts.keySet()) {
            for (LocalDate churn : data.churnDates(id)) {
                Double ratio = data.coreRatio(id, churn);
                if (ratio != null) {
                    churners.add(ratio);
                }
            }
        }
        List<Double> others = new ArrayList<>();
        for (String id : data.accounts.keySet()) {
            if (data.churnDates(id).isEmpty()) {
                for (LocalDate ref = settings.start().plusDays(300); !ref.isAfter(settings.end()); ref = ref.plusDays(120)) {
                    Double ratio = data.coreRatio(id, ref);
                    if (ratio != null) {
                        others.add(ratio);
                    }
                }
            }
        }
        assertThat(churners).hasSizeGreaterThan(60);
        assertThat(others).hasSizeGreaterThan(600);
        assertThat(mean(churners)).as("churners: last 60 days vs 120-240 days before churn").isLessThan(0.8);
        assertThat(mean(others)).as("non-churners over the same kind of window").isBetween(0.9, 1.1);
        // not every churner warns: a good part still looks healthy right before leaving
        assertThat(churners.stream().filter(r -> r > 0.9).count() / (double) churners.size()).isBetween(0.15, 0.5);
    }

    @Test
    void churnersOpenMoreTicketsBeforeTheyLeave() {
        double before = 0;
        double baseline = 0;
        for (String id : data.accounts.keySet()) {
            for (LocalDate churn : data.churnDates(id)) {
                if (data.liveDaysInWindow(id) < 300 || churn.isBefore(settings.start().plusDays(240))) {
                    continue;
                }
                for (LocalDate opened : data.tickets.getOrDefault(id, List.of())) {
                    long daysBefore = opened.until(churn, ChronoUnit.DAYS);
                    if (daysBefore > 0 && daysBefore <= 60) {
                        before += 1.0 / 60;
                    } else if (daysBefore > 120 && daysBefore <= 240) {
                        baseline += 1.0 / 120;
                    }
                }
            }
        }
        assertThat(before).isGreaterThan(1.3 * baseline);
    }

    /** Whether {@code date} is a renewal date of a contract starting on {@code start}. */
    private static boolean isAnniversary(LocalDate start, LocalDate date) {
        for (int k = 1; !start.plusMonths(12L * k).isAfter(date); k++) {
            if (start.plusMonths(12L * k).equals(date)) {
                return true;
            }
        }
        return false;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    // ------------------------------------------------------------------ daily cadence and settings

    @Test
    void dailyUsageHasOneRowPerLiveDayAndQuietWeekends(@TempDir Path dir) throws IOException {
        GeneratorSettings daily = new GeneratorSettings(40, 6, 7L, LocalDate.of(2025, 6, 30), UsageCadence.DAILY);
        GenerationSummary written = new SampleGenerator(daily).writeTo(dir);
        Data d = new Data(dir);

        long liveDays = d.accounts.keySet().stream().mapToLong(id -> d.liveDaysInWindow(id, daily)).sum();
        assertThat(written.rows("usage.csv")).isEqualTo(liveDays);
        double weekday = 0;
        double weekend = 0;
        long weekdays = 0;
        long weekends = 0;
        for (NamedCsvRecord u : d.file("usage.csv")) {
            DayOfWeek dow = LocalDate.parse(u.getField("date")).getDayOfWeek();
            long active = Long.parseLong(u.getField("active_users"));
            if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
                weekend += active;
                weekends++;
            } else {
                weekday += active;
                weekdays++;
            }
        }
        assertThat(weekend / weekends).isLessThan(0.3 * weekday / weekdays);
    }

    @Test
    void settingsHaveTheDocumentedDefaults() {
        GeneratorSettings defaults = GeneratorSettings.defaults();
        assertThat(defaults).isEqualTo(new GeneratorSettings(600, 30, 42L, LocalDate.of(2026, 9, 30), UsageCadence.WEEKLY));
        assertThat(defaults.start()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThatThrownBy(() -> defaults.withAccounts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMonths(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withEnd(null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------ reading the bundle back

    /** The bundle read back, with the lookups the assertions need. */
    private static final class Data {
        final Map<String, List<NamedCsvRecord>> files = new HashMap<>();
        final Map<String, NamedCsvRecord> accounts = new HashMap<>();
        final Map<String, List<NamedCsvRecord>> outcomes = new HashMap<>();
        final Map<String, List<UsageRow>> usage = new HashMap<>();
        final Map<String, List<LocalDate>> tickets = new HashMap<>();

        final Map<String, List<Event>> events = new HashMap<>();
        final Map<String, LocalDate> contractStart = new HashMap<>();

        record UsageRow(LocalDate date, double core) {
        }

        record Event(LocalDate date, String event) {
        }

        Data(Path dir) throws IOException {
            for (String file : SampleGenerator.COLUMNS.keySet()) {
                try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(dir.resolve(file))) {
                    List<NamedCsvRecord> rows = new ArrayList<>();
                    reader.forEach(rows::add);
                    files.put(file, rows);
                }
            }
            file("accounts.csv").forEach(a -> accounts.put(a.getField("account_id"), a));
            file("outcomes.csv").forEach(o -> outcomes.computeIfAbsent(o.getField("account_id"), k -> new ArrayList<>()).add(o));
            outcomes.values().forEach(list -> list.sort((x, y) -> x.getField("date").compareTo(y.getField("date"))));
            outcomes.forEach((id, list) -> events.put(id,
                    list.stream().map(o -> new Event(LocalDate.parse(o.getField("date")), o.getField("event"))).toList()));
            accounts.forEach((id, a) -> contractStart.put(id, LocalDate.parse(a.getField("contract_start"))));
            for (NamedCsvRecord u : file("usage.csv")) {
                usage.computeIfAbsent(u.getField("account_id"), k -> new ArrayList<>())
                        .add(new UsageRow(LocalDate.parse(u.getField("date")), Double.parseDouble(u.getField("core_feature_events"))));
            }
            for (NamedCsvRecord t : file("tickets.csv")) {
                tickets.computeIfAbsent(t.getField("account_id"), k -> new ArrayList<>()).add(LocalDate.parse(t.getField("opened")));
            }
        }

        List<NamedCsvRecord> file(String name) {
            return files.get(name);
        }

        boolean churned(String id) {
            List<NamedCsvRecord> events = outcomes.getOrDefault(id, List.of());
            return !events.isEmpty() && events.get(events.size() - 1).getField("event").equals("churn");
        }

        List<LocalDate> churnDates(String id) {
            List<LocalDate> dates = new ArrayList<>();
            for (NamedCsvRecord o : outcomes.getOrDefault(id, List.of())) {
                if (o.getField("event").equals("churn")) {
                    dates.add(LocalDate.parse(o.getField("date")));
                }
            }
            return dates;
        }

        /** Live from contract start until a churn date (exclusive), again from a reactivation. */
        boolean isLive(String id, LocalDate date) {
            if (date.isBefore(contractStart.get(id))) {
                return false;
            }
            boolean live = true;
            for (Event e : events.getOrDefault(id, List.of())) {
                if (e.date().isAfter(date)) {
                    break;
                }
                switch (e.event()) {
                    case "churn" -> live = false;
                    case "reactivation" -> live = true;
                    default -> {
                    }
                }
            }
            return live;
        }

        long liveDaysInWindow(String id) {
            return liveDaysInWindow(id, settings);
        }

        long liveDaysInWindow(String id, GeneratorSettings s) {
            long days = 0;
            for (LocalDate d = s.start(); !d.isAfter(s.end()); d = d.plusDays(1)) {
                if (isLive(id, d)) {
                    days++;
                }
            }
            return days;
        }

        /**
         * Mean weekly core_feature_events in the 60 days before {@code ref} over the mean 120-240 days before,
         * for accounts out of their onboarding ramp; null when there is not enough history.
         */
        Double coreRatio(String id, LocalDate ref) {
            LocalDate start = LocalDate.parse(accounts.get(id).getField("contract_start"));
            if (start.isAfter(ref.minusDays(330))) {
                return null;
            }
            double recent = 0;
            int recentRows = 0;
            double base = 0;
            int baseRows = 0;
            for (UsageRow u : usage.getOrDefault(id, List.of())) {
                long before = u.date().until(ref, ChronoUnit.DAYS);
                if (before > 0 && before <= 60) {
                    recent += u.core();
                    recentRows++;
                } else if (before > 120 && before <= 240) {
                    base += u.core();
                    baseRows++;
                }
            }
            if (recentRows < 3 || baseRows < 8 || base <= 0) {
                return null;
            }
            return (recent / recentRows) / (base / baseRows);
        }
    }
}
