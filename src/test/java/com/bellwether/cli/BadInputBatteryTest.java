package com.bellwether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;

/**
 * {@code bellwether import} given bad input of every kind a new user met, on an H2 file and on the PostgreSQL
 * server: each is refused with exit code 2 and a message that names the file, the line and column and the form
 * expected, and the database is left exactly as it was. H2's file is rewritten whenever it is opened, so "exactly"
 * is the output of H2's {@code SCRIPT} (every table's definition and rows, every sequence's next value), before and
 * after; on PostgreSQL it is every table's rows in order and every sequence's last value. Input that is unusual but
 * good (a byte-order mark, CRLF, a quoted line break, text that looks like a formula or SQL) is imported as it is.
 */
class BadInputBatteryTest {

    private static final FreshDatabases SERVERS = new FreshDatabases();
    private static final Map<Dialect, String> DATABASES = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, Database> HELD = new EnumMap<>(Dialect.class);
    private static final AtomicInteger FOLDERS = new AtomicInteger();

    @TempDir
    static Path dir;

    private static final String ACCOUNTS = "account_id,name,segment,arr,licensed_seats,contract_start,renewal_date\n"
            + "A1,Acme,SMB,12000,10,2024-01-01,2026-01-01\nA2,Beta,Enterprise,90000,200,2023-06-01,2026-06-01\n";

    /** One kind of bad input: the files of a folder to import, a mapping profile if any, and what the error must say. */
    record Case(String name, Map<String, byte[]> files, String mapping, List<String> said, Pattern located) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, byte[]> files(String... nameAndText) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files.put(nameAndText[i], nameAndText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** A refused CSV value: the message names file, line, column and field, and says what was expected. */
    private static Case csv(String name, String where, String expected, String... nameAndText) {
        return new Case(name, files(nameAndText), null, List.of(where, expected), null);
    }

    private static Case bytes(String name, String file, byte[] content, String where, String expected) {
        return new Case(name, new LinkedHashMap<>(Map.of(file, content)), null, List.of(where, expected), null);
    }

    /** A refused mapping profile: the message names the profile, the line and column, the field and the form. */
    private static Case mapping(String name, String profile, String field, String expected) {
        return new Case(name, files("accounts.csv", "account_id,name\nA9,Nine\n"), profile,
                List.of("Invalid mapping profile: m.json line ", field, expected),
                Pattern.compile("m\\.json line \\d+, column \\d+: " + Pattern.quote(field)));
    }

    private static Case json(String name, String document, String where, String expected) {
        return new Case(name, files("bundle.json", document), null, List.of(where, expected), null);
    }

    private static String times(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static List<Case> refused() {
        List<Case> cases = new ArrayList<>();
        String head = "account_id,name\n";
        String dates = "from 1900-01-01 to 9999-12-31";
        // Dates
        cases.add(csv("year 0000", "accounts.csv line 2, column 3 (contract_start): \"0000-01-01\" is not valid",
                dates, "accounts.csv", "account_id,name,contract_start\nA9,Nine,0000-01-01\n"));
        cases.add(csv("before the Gregorian calendar", "usage.csv line 2, column 2 (date): \"1581-10-10\"", dates,
                "usage.csv", "account_id,date,logins\nA1,1581-10-10,3\n"));
        cases.add(csv("year 1899", "accounts.csv line 2, column 3 (renewal_date)", dates,
                "accounts.csv", "account_id,name,renewal_date\nA9,Nine,1899-12-31\n"));
        cases.add(csv("year 10000", "accounts.csv line 2, column 3 (renewal_date)", "expected an ISO-8601 date",
                "accounts.csv", "account_id,name,renewal_date\nA9,Nine,+10000-01-01\n"));
        cases.add(csv("30 February", "accounts.csv line 2, column 3 (contract_start): \"2026-02-30\"",
                "expected an ISO-8601 date", "accounts.csv", "account_id,name,contract_start\nA9,Nine,2026-02-30\n"));
        cases.add(csv("month 13", "surveys.csv line 2, column 2 (date): \"2024-13-01\"", "expected an ISO-8601 date",
                "surveys.csv", "account_id,date,nps\nA1,2024-13-01,7\n"));
        cases.add(csv("a survey from the future", "surveys.csv line 2, column 2 (date): \"9999-12-31\"",
                "(a dated record cannot be from after today)", "surveys.csv", "account_id,date,nps\nA1,9999-12-31,7\n"));
        cases.add(csv("a formula for a date", "accounts.csv line 2, column 3 (contract_start): \"=TODAY()\"",
                "expected an ISO-8601 date", "accounts.csv", "account_id,name,contract_start\nA9,Nine,=TODAY()\n"));
        cases.add(csv("closed before opened", "tickets.csv line 2, column 4 (closed)", "a date on or after opened",
                "tickets.csv", "ticket_id,account_id,opened,closed,priority\nT9,A1,2025-03-02,2025-03-01,high\n"));
        cases.add(csv("renewal before contract start", "accounts.csv line 2, column 4 (renewal_date)",
                "a renewal date on or after contract_start", "accounts.csv",
                "account_id,name,contract_start,renewal_date\nA9,Nine,2025-01-01,2024-01-01\n"));
        // Text longer than its column
        cases.add(csv("a 301-character name", "accounts.csv line 2, column 2 (name)",
                "expected text of at most 300 characters (found 301)", "accounts.csv", head + "A9," + times('n', 301) + "\n"));
        cases.add(csv("a 101-character account id", "accounts.csv line 2, column 1 (account_id)",
                "at most 100 characters (found 101)", "accounts.csv", head + times('i', 101) + ",Nine\n"));
        cases.add(csv("a 101-character segment", "accounts.csv line 2, column 3 (segment)", "at most 100 characters",
                "accounts.csv", "account_id,name,segment\nA9,Nine," + times('s', 101) + "\n"));
        cases.add(csv("a 201-character CSM", "accounts.csv line 2, column 3 (csm)", "at most 200 characters",
                "accounts.csv", "account_id,name,csm\nA9,Nine," + times('c', 201) + "\n"));
        cases.add(csv("a 51-character stage", "account_history.csv line 2, column 3 (lifecycle_stage)",
                "at most 50 characters", "account_history.csv",
                "account_id,effective_date,lifecycle_stage\nA1,2025-01-01," + times('l', 51) + "\n"));
        cases.add(csv("a 101-character metric column", "usage.csv line 1, column 3: \"mmm",
                "expected a metric name: text of at most 100 characters (found 101)", "usage.csv",
                "account_id,date," + times('m', 101) + "\nA1,2025-01-01,3\n"));
        cases.add(csv("a 101-character metric value", "usage.csv line 2, column 3 (metric)", "at most 100 characters",
                "usage.csv", "account_id,date,metric,value\nA1,2025-01-01," + times('m', 101) + ",3\n"));
        cases.add(csv("a 2,001-character note reason", "notes.csv line 2, column 5 (reason)",
                "at most 2000 characters (found 2001)", "notes.csv",
                "account_id,date,author,adjustment,reason\nA1,2025-01-01,ana,5," + times('r', 2001) + "\n"));
        cases.add(csv("a 201-character note author", "notes.csv line 2, column 3 (author)", "at most 200 characters",
                "notes.csv", "account_id,date,author,adjustment,reason\nA1,2025-01-01," + times('a', 201) + ",5,Why\n"));
        cases.add(csv("a 101-character ticket id", "tickets.csv line 2, column 1 (ticket_id)", "at most 100 characters",
                "tickets.csv", "ticket_id,account_id,opened,priority\n" + times('t', 101) + ",A1,2025-01-01,high\n"));
        cases.add(csv("a 201-character contact", "interactions.csv line 2, column 5 (contact)", "at most 200 characters",
                "interactions.csv", "account_id,date,role,kind,contact\nA1,2025-01-01,champion,call," + times('p', 201) + "\n"));
        cases.add(csv("a 1 MB field", "accounts.csv line 2, column 2 (name)", "at most 300 characters (found 1000000)",
                "accounts.csv", head + "A9," + times('x', 1_000_000) + "\n"));
        // Encoding and control characters
        cases.add(bytes("Latin-1 text", "accounts.csv", concat(head + "A9,Caf", new byte[] {(byte) 0xE9}, "\n"),
                "accounts.csv line 2, column 2 (name)", "expected UTF-8 text (found byte 0xE9, which is not UTF-8"));
        cases.add(bytes("Latin-1 in the header", "accounts.csv", concat("account_id,n", new byte[] {(byte) 0xE4}, "me\nA9,x\n"),
                "accounts.csv line 1, column 2", "expected UTF-8 text (found byte 0xE4"));
        cases.add(bytes("Latin-1 on a continued line", "accounts.csv",
                concat(head + "A9,\"Two\nlines\"\nA8,Caf", new byte[] {(byte) 0xE9}, "\n"),
                "accounts.csv line 4, column 2 (name)", "expected UTF-8 text"));
        cases.add(bytes("UTF-16", "accounts.csv", (head + "A9,Nine\n").getBytes(StandardCharsets.UTF_16),
                "accounts.csv line 1, column 1", "expected UTF-8 text (found byte 0xFE"));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        cases.add(bytes("binary garbage", "accounts.csv", garbage, "accounts.csv line 1, column 1",
                "expected UTF-8 text (found byte 0xFF"));
        cases.add(csv("a NUL character", "accounts.csv line 2, column 2 (name): \"Ni\\u0000ne\"",
                "expected text without control characters (found U+0000 at character 3)", "accounts.csv", head + "A9,Ni\0ne\n"));
        cases.add(csv("a bell character", "accounts.csv line 2, column 3 (segment)", "found U+0007",
                "accounts.csv", "account_id,name,segment\nA9,Nine,S\u0007MB\n"));
        // Numbers
        String number = "expected a number such as 1234.5";
        cases.add(csv("NaN", "accounts.csv line 2, column 3 (arr): \"NaN\"", number, "accounts.csv", "account_id,name,arr\nA9,Nine,NaN\n"));
        cases.add(csv("Infinity", "accounts.csv line 2, column 3 (arr): \"Infinity\"", number, "accounts.csv",
                "account_id,name,arr\nA9,Nine,Infinity\n"));
        cases.add(csv("minus Infinity", "outcomes.csv line 2, column 4 (arr_change): \"-Infinity\"", number, "outcomes.csv",
                "account_id,date,event,arr_change\nA1,2025-01-01,churn,-Infinity\n"));
        cases.add(csv("1e309", "usage.csv line 2, column 3 (logins): \"1e309\"", number, "usage.csv",
                "account_id,date,logins\nA1,2025-01-01,1e309\n"));
        cases.add(csv("a huge ARR", "accounts.csv line 2, column 3 (arr): \"1.7e308\"", "expected a number from -1e15 to 1e15",
                "accounts.csv", "account_id,name,arr\nA9,Nine,1.7e308\n"));
        cases.add(csv("a huge usage value", "usage.csv line 2, column 3 (logins): \"1e16\"", "expected a number from -1e15 to 1e15",
                "usage.csv", "account_id,date,logins\nA1,2025-01-01,1e16\n"));
        cases.add(csv("a negative ARR", "accounts.csv line 2, column 3 (arr): \"-5\"", "expected a number of 0 or more",
                "accounts.csv", "account_id,name,arr\nA9,Nine,-5\n"));
        cases.add(csv("thousands separators", "accounts.csv line 2, column 3 (arr): \"12,000\"", number,
                "accounts.csv", "account_id,name,arr\nA9,Nine,\"12,000\"\n"));
        cases.add(csv("SQL for a number", "accounts.csv line 2, column 3 (arr): \"0; DROP TABLE account\"", number,
                "accounts.csv", "account_id,name,arr\nA9,Nine,0; DROP TABLE account\n"));
        cases.add(csv("negative seats", "accounts.csv line 2, column 3 (licensed_seats): \"-1\"",
                "expected a whole number from 0 to 2147483647", "accounts.csv", "account_id,name,licensed_seats\nA9,Nine,-1\n"));
        cases.add(csv("half a seat", "accounts.csv line 2, column 3 (licensed_seats): \"3.5\"", "expected a whole number",
                "accounts.csv", "account_id,name,licensed_seats\nA9,Nine,3.5\n"));
        cases.add(csv("too many seats", "accounts.csv line 2, column 3 (licensed_seats): \"99999999999\"", "(out of range)",
                "accounts.csv", "account_id,name,licensed_seats\nA9,Nine,99999999999\n"));
        cases.add(csv("NPS 11", "surveys.csv line 2, column 3 (nps): \"11\"", "expected a whole number from 0 to 10",
                "surveys.csv", "account_id,date,nps\nA1,2025-01-01,11\n"));
        cases.add(csv("an adjustment of 101", "notes.csv line 2, column 4 (adjustment): \"101\"",
                "expected a whole number from -100 to 100", "notes.csv",
                "account_id,date,author,adjustment,reason\nA1,2025-01-01,ana,101,Why\n"));
        // Choices and flags
        cases.add(csv("an unknown priority", "tickets.csv line 2, column 4 (priority): \"sky-high\"", "expected one of",
                "tickets.csv", "ticket_id,account_id,opened,priority\nT9,A1,2025-01-01,sky-high\n"));
        cases.add(csv("a flag that is neither", "tickets.csv line 2, column 5 (escalated): \"maybe\"",
                "expected true or false", "tickets.csv", "ticket_id,account_id,opened,priority,escalated\nT9,A1,2025-01-01,high,maybe\n"));
        // Keys
        cases.add(csv("a duplicate account", "accounts.csv line 3, column 1 (account_id): \"A9\"", "(duplicate key)",
                "accounts.csv", head + "A9,Nine\nA9,Nine again\n"));
        cases.add(csv("a duplicate ticket", "tickets.csv line 3, column 1 (ticket_id): \"T9\"", "(duplicate key)",
                "tickets.csv", "ticket_id,account_id,opened,priority\nT9,A1,2025-01-01,high\nT9,A1,2025-01-02,low\n"));
        cases.add(csv("a duplicate usage day", "usage.csv line 3, column 2 (date)", "(duplicate key)",
                "usage.csv", "account_id,date,logins\nA1,2025-01-01,1\nA1,2025-01-01,2\n"));
        cases.add(csv("an unknown account", "usage.csv line 2, column 1 (account_id): \"ZZ-404\"", "(unknown account)",
                "usage.csv", "account_id,date,logins\nZZ-404,2025-01-01,1\n"));
        cases.add(csv("an unknown account in a note", "notes.csv line 2, column 1 (account_id): \"ZZ-404\"",
                "(unknown account)", "notes.csv", "account_id,date,author,adjustment,reason\nZZ-404,2025-01-01,ana,5,Why\n"));
        // Shape
        cases.add(csv("a missing column", "accounts.csv line 1: expected the accounts columns name in the header",
                "(found: account_id, segment)", "accounts.csv", "account_id,segment\nA9,SMB\n"));
        cases.add(csv("a missing value", "accounts.csv line 2, column 2 (name)", "expected a value (name is required)",
                "accounts.csv", head + "A9,\n"));
        cases.add(csv("an extra field", "accounts.csv line 3: expected 2 fields as in the header (found 3)", "",
                "accounts.csv", head + "A9,Nine\nA8,Eight,extra\n"));
        cases.add(csv("a missing field", "accounts.csv line 2: expected 2 fields as in the header (found 1)", "",
                "accounts.csv", head + "A9\n"));
        cases.add(csv("an empty file", "accounts.csv line 1: expected the accounts columns account_id, name in the header",
                "(the file is empty)", "accounts.csv", ""));
        cases.add(csv("50,000 columns", "accounts.csv line 1: expected a header of well-formed CSV",
                "at most 16,384 fields", "accounts.csv",
                head.strip() + "," + String.join(",", Stream.iterate(0, i -> i + 1).limit(50_000).map(i -> "c" + i).toList())
                        + "\nA9,Nine\n"));
        cases.add(csv("2,000 metrics", "usage.csv line 1: expected at most 1000 metric columns in one import (found 2000)", "",
                "usage.csv", "account_id,date," + String.join(",", Stream.iterate(0, i -> i + 1).limit(2000)
                        .map(i -> "m" + i).toList()) + "\n"));
        cases.add(csv("a thousand bad rows", "Nothing was imported: 1,000 problems found.\n  surveys.csv line 2, column 3 (nps): \"x\"",
                "  ... and 900 more problems in surveys.csv", "surveys.csv", "account_id,date,nps\n"
                        + "A1,2025-01-01,x\n".repeat(1000)));
        // JSON bundles
        cases.add(json("a JSON bundle cut short", "{\"accounts\": [{\"account_id\": \"A9\", \"name\": \"Nine\"}",
                "bundle.json line 1, column 51: expected valid JSON", "the file ends too soon"));
        cases.add(json("a JSON list at the top", "[{\"account_id\": \"A9\"}]", "bundle.json line 1, column 1",
                "expected a JSON object with arrays named accounts"));
        cases.add(json("an unknown JSON array", "{\"customers\": []}", "bundle.json line 1, column 2 (customers)",
                "expected an array named one of accounts"));
        cases.add(json("a JSON entity that is no array", "{\"accounts\": {\"account_id\": \"A9\"}}",
                "bundle.json line 1, column 14 (accounts)", "expected an array of objects"));
        cases.add(json("a nested JSON value", "{\"accounts\": [{\"account_id\": \"A9\", \"name\": {\"first\": \"N\"}}]}",
                "bundle.json line 1, column 44 (name)", "expected a string, number, boolean or null"));
        cases.add(json("a NUL in JSON", "{\"accounts\": [{\"account_id\": \"A9\", \"name\": \"N\\u0000ine\"}]}",
                "bundle.json line 1, column 44 (name)", "expected text without control characters"));
        cases.add(json("a long name in JSON", "{\"accounts\": [{\"account_id\": \"A9\", \"name\": \"" + times('n', 301) + "\"}]}",
                "bundle.json line 1, column 44 (name)", "at most 300 characters"));
        cases.add(bytes("Latin-1 JSON", "bundle.json", concat("{\"accounts\": [{\"account_id\": \"A9\", \"name\": \"Caf",
                new byte[] {(byte) 0xE9}, "\"}]}"), "bundle.json line 1", "expected UTF-8 text"));
        // Mapping profiles
        cases.add(mapping("a mapping reading /etc/passwd", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"/etc/passwd\"}}}",
                "entities.accounts.file", "\"/etc/passwd\" is outside the bundle's folder"));
        cases.add(mapping("a mapping climbing out", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"../../x.csv\"}}}",
                "entities.accounts.file", "\"../../x.csv\" is outside the bundle's folder"));
        cases.add(mapping("a lookup reading /etc/hosts", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"accounts.csv\","
                        + " \"lookups\": [{\"column\": \"segment\", \"file\": \"/etc/hosts\", \"key\": \"a\", \"from\": \"account_id\","
                        + " \"value\": \"b\"}]}}}",
                "entities.accounts.lookups[0].file", "is outside the bundle's folder"));
        cases.add(mapping("a mapping of the wrong type", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"accounts.csv\","
                + " \"columns\": 5}}}", "entities.accounts.columns", "expected an object {...}"));
        cases.add(mapping("a mapping name that is a list", "{\"name\": [\"m\"], \"entities\": {}}", "name", "expected text"));
        cases.add(mapping("a misspelt mapping field", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"accounts.csv\","
                + " \"colums\": {}}}}", "unknown field \"colums\" at entities.accounts", "expected one of file, columns"));
        cases.add(mapping("an unknown mapped entity", "{\"name\": \"m\", \"entities\": {\"customers\": {\"file\": \"accounts.csv\"}}}",
                "entities.customers", "unknown entity; expected one of accounts"));
        cases.add(mapping("a bad date pattern", "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"accounts.csv\","
                + " \"datePatterns\": {\"contract_start\": \"dd/{{\"}}}}", "entities.accounts.datePatterns.contract_start",
                "is not a date pattern"));
        cases.add(new Case("malformed mapping JSON", files("accounts.csv", head + "A9,Nine\n"),
                "{\"name\": \"m\", \"entities\": {\"accounts\": {\"file\": \"accounts.csv\"}}",
                List.of("Invalid mapping profile: m.json line 1, column ", "expected valid JSON (the file ends too soon"), null));
        cases.add(new Case("an empty mapping", files("accounts.csv", head + "A9,Nine\n"), "",
                List.of("Invalid mapping profile: m.json: expected a JSON object {...} (the file is empty)"), null));
        cases.add(new Case("a folder named accounts.csv", files("accounts.csv/readme.txt", "a folder"), null,
                List.of("accounts.csv is a folder; expected a CSV file"), null));
        return cases;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    static Stream<Arguments> refusedOnBoth() {
        List<Case> cases = refused();
        return Stream.of(Dialect.values()).flatMap(d -> cases.stream().map(c -> Arguments.of(d, c)));
    }

    @BeforeAll
    static void databasesWithAPortfolio() throws IOException {
        Path base = Files.createDirectory(dir.resolve("base"));
        Files.writeString(base.resolve("accounts.csv"), ACCOUNTS);
        Files.writeString(base.resolve("usage.csv"), "account_id,date,logins\nA1,2025-01-01,3\nA2,2025-01-01,9\n");
        for (Dialect dialect : Dialect.values()) {
            String db = dialect == Dialect.H2 ? dir.resolve("bellwether").toString() : SERVERS.location(dialect).jdbcUrl();
            // H2's file is held open across the commands as the workbench holds it (see CommandsOnBothDatabasesTest).
            HELD.put(dialect, SERVERS.keep(Database.openHeld(DatabaseLocation.parse(db))));
            Run run = run("import", "--db", db, base.toString());
            assertThat(run.code()).as(run.err()).isZero();
            DATABASES.put(dialect, db);
        }
    }

    @AfterAll
    static void close() {
        SERVERS.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedOnBoth")
    void isRefusedWhereItIsAndChangesNothing(Dialect dialect, Case input) throws Exception {
        Path folder = folder(input);
        List<String> args = new ArrayList<>(List.of("import", "--db", DATABASES.get(dialect)));
        if (input.mapping() != null) {
            Path profile = Files.writeString(Files.createDirectories(dir.resolve("p" + FOLDERS.incrementAndGet()))
                    .resolve("m.json"), input.mapping());
            args.addAll(List.of("--mapping", profile.toString()));
        }
        args.add(folder.toString());
        String before = dump(dialect);

        Run run = run(args.toArray(String[]::new));

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        for (String said : input.said()) {
            assertThat(run.err()).contains(said);
        }
        if (input.located() != null) {
            assertThat(run.err()).containsPattern(input.located());
        }
        assertThat(run.err()).doesNotContain("Exception", "java.", "com.fasterxml", "SQL statement", "\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(dump(dialect)).isEqualTo(before);
    }

    /** Input that looks odd but is good: imported, each value stored as it was written. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unusualButGoodInputIsImportedAsWritten(Dialect dialect) throws Exception {
        String db = dialect == Dialect.H2 ? dir.resolve("good-" + FOLDERS.incrementAndGet()).toString()
                : SERVERS.location(dialect).jdbcUrl();
        Database database = SERVERS.keep(Database.openHeld(DatabaseLocation.parse(db)));
        Path folder = Files.createDirectory(dir.resolve("good" + FOLDERS.incrementAndGet()));
        String bigIgnored = times('z', 1_000_000);
        Files.write(folder.resolve("accounts.csv"), concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "account_id,name,segment,notes_we_ignore\r\n"
                        + "A1,\"Multi\r\nline Ltd\",SMB,\r\n"
                        + "A2,=1+1,\"=HYPERLINK(\"\"http://x\"\")\",\r\n"
                        + "A3,\"Robert'); DROP TABLE account;--\",@SUM(A1),\r\n"
                        + "A4,Zürich Café 北京 🚀," + times('s', 100) + "," + bigIgnored + "\r\n"
                        + "A5," + times('n', 300) + ",,\r\n"));
        Files.writeString(folder.resolve("tickets.csv"), "ticket_id,account_id,opened,priority\n");
        Files.writeString(folder.resolve("usage.csv"), "account_id,date,logins\r\nA1,1900-01-01,1e15\r\nA2,2025-01-01,-1e15\r\n");

        Run run = run("import", "--db", db, folder.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(names(database)).containsExactly(
                "A1|Multi\r\nline Ltd|SMB", "A2|=1+1|=HYPERLINK(\"http://x\")", "A3|Robert'); DROP TABLE account;--|@SUM(A1)",
                "A4|Zürich Café 北京 🚀|" + times('s', 100), "A5|" + times('n', 300) + "|null");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), MIN(usage_date) FROM usage_day")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getDate(2).toLocalDate()).isEqualTo(java.time.LocalDate.of(1900, 1, 1));
        }
    }

    private static List<String> names(Database database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT account_id, name, segment FROM account ORDER BY account_id")) {
            while (rs.next()) {
                names.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return names;
    }

    private static Path folder(Case input) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("m" + FOLDERS.incrementAndGet()).resolve("bundle"));
        for (Map.Entry<String, byte[]> file : input.files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        return folder;
    }

    /** Everything the database holds, as text: H2's SCRIPT, or every PostgreSQL table's rows and sequence. */
    private static String dump(Dialect dialect) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = HELD.get(dialect).connect(); Statement statement = connection.createStatement()) {
            if (dialect == Dialect.H2) {
                try (ResultSet rs = statement.executeQuery("SCRIPT")) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
                return text.toString();
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("account", "usage_day", "import_run");
            for (String table : tables) {
                text.append("== ").append(table).append('\n');
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.append(rs.getString(c)).append('|');
                        }
                        rows.add(row.toString());
                    }
                    rows.sort(null);
                    rows.forEach(r -> text.append(r).append('\n'));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT sequencename, last_value FROM pg_sequences"
                    + " WHERE schemaname = current_schema() ORDER BY sequencename")) {
                while (rs.next()) {
                    text.append("sequence ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BellwetherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
