package com.bellwether.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Task;
import com.bellwether.domain.Ticket;
import com.bellwether.store.BulkLoad;
import com.bellwether.store.BundleWriter;
import com.bellwether.store.Database;
import com.bellwether.store.ImportRun;
import com.bellwether.store.ImportRunStore;
import com.bellwether.store.StoreException;
import com.bellwether.store.TaskLinks;

/**
 * Imports a bundle (a folder or files of CSV, or a JSON document), optionally through a mapping profile.
 * Everything is read and checked first; only when no file has a problem is anything written, in one
 * transaction (or, for the first import into an empty database file, a {@link BulkLoad} in chunks that undoes
 * itself), so a failed or cancelled import leaves the database exactly as it was.
 */
public final class BundleImporter {

    /**
     * From this many records on, the file is compacted after the import: one transaction writes its pages several
     * times over before it commits, and the copies left behind then outweigh the data (measured in
     * docs/performance.md).
     */
    static final long COMPACT_AFTER_ROWS = 100_000;

    private final Database database;
    /** The usage rows the last import wrote, when it held nothing else and few enough; null otherwise. */
    private ImportedUsage importedUsage;
    /** What "today" is: a dated record after it (and a day's slack for time zones) is refused. */
    private final Clock clock;

    public BundleImporter(Database database) {
        this(database, Clock.systemDefaultZone());
    }

    /** An importer whose "today" comes from the clock (tests fix it). */
    public BundleImporter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The latest day a dated record may have: today, and one day more for time zones. */
    public static LocalDate latestAllowedDay(Clock clock) {
        return LocalDate.now(clock).plusDays(1);
    }

    /**
     * What to import: folders or files, and the mapping (null for the canonical shape). The import log names the
     * source by {@code label}, or by the paths when it is null.
     */
    public record Request(List<Path> inputs, MappingProfile mapping, String mappingJson, String label,
                          Map<Path, BundleEntity> entities, AfterWrite afterWrite) {

        public Request {
            entities = entities == null ? Map.of() : Map.copyOf(entities);
        }

        public Request(List<Path> inputs, MappingProfile mapping, String mappingJson, String label) {
            this(inputs, mapping, mappingJson, label, Map.of(), null);
        }

        public static Request canonical(Path... inputs) {
            return new Request(List.of(inputs), null, null, null);
        }

        public static Request mapped(Path folder, Path mappingFile) throws IOException {
            return new Request(List.of(folder), MappingProfile.read(mappingFile), MappingProfile.text(mappingFile), null);
        }

        public Request labelled(String label) {
            return new Request(inputs, mapping, mappingJson, label, entities, afterWrite);
        }

        /**
         * The same, with canonical files whose names do not say what they hold read as the entity given (a file
         * named by the request is looked up here before its name is).
         */
        public Request readingAs(Map<Path, BundleEntity> entityOfFile) {
            return new Request(inputs, mapping, mappingJson, label, entityOfFile, afterWrite);
        }

        /** The same, with work done in the import's own transaction after its records, before it commits. */
        public Request then(AfterWrite work) {
            return new Request(inputs, mapping, mappingJson, label, entities, work);
        }
    }

    /**
     * Work that commits with an import or not at all: given the import's connection (in its transaction) and what
     * the import wrote.
     */
    @FunctionalInterface
    public interface AfterWrite {
        void run(Connection connection, Written written) throws SQLException;
    }

    /** What an import wrote, as work in its transaction sees it: the run, the rows read, the span of its dates. */
    public record Written(long runId, long rowsRead, LocalDate firstDate, LocalDate lastDate) {
    }

    private record Input(BundleEntity entity, SourceTable table, Map<String, String> datePatterns) {
    }

    /**
     * The usage rows the last successful import wrote, when it brought nothing but usage (at most
     * {@value ImportedUsage#AT_MOST} rows): a portfolio in memory takes them in without reading the accounts again.
     */
    public java.util.Optional<ImportedUsage> importedUsage() {
        return java.util.Optional.ofNullable(importedUsage);
    }

    /**
     * Runs the import.
     *
     * @throws IOException              a file cannot be read at all (missing, unreadable)
     * @throws ImportCancelledException the progress asked to stop; nothing was written
     */
    public ImportReport run(Request request, ImportProgress progress) throws IOException {
        return run(request, progress, true);
    }

    /**
     * Reads and checks like {@link #run} but never writes: the report lists the problems, or, when there are
     * none, what an import would write (with run id 0).
     */
    public ImportReport check(Request request, ImportProgress progress) throws IOException {
        return run(request, progress, false);
    }

    private ImportReport run(Request request, ImportProgress progress, boolean write) throws IOException {
        long started = System.nanoTime();
        OffsetDateTime startedAt = OffsetDateTime.now();
        ProblemLog problems = new ProblemLog();
        progress.update("Reading files", 0);
        List<Input> inputs = request.mapping() == null ? canonicalInputs(request.inputs(), request.entities(), problems)
                : mappedInputs(request, problems);

        BundleValidator validator = new BundleValidator(problems, existingAccountIds(), latestAllowedDay(clock),
                progress::isCancelled);
        // The first reading checks every row and keeps only the accounts; the second, after it found no problem,
        // streams the records into the database.
        Tally tally = new Tally();
        validator.sendTo(tally, true);
        List<ImportRun.FileCount> files = new ArrayList<>();
        Map<String, Long> leftOut = new LinkedHashMap<>();
        long rows = 0;
        int done = 0;
        for (Input input : inputs) {
            progress.update("Checking " + input.table().file() + " (" + input.entity().key() + ")",
                    (write ? 0.4 : 1.0) * done++ / Math.max(1, inputs.size()));
            long before = validator.records(input.entity());
            // One file may feed several mappings: count each reading on its own.
            long readBefore = validator.rowsRead(input.table());
            validator.read(input.entity(), input.table(), input.datePatterns());
            long read = validator.rowsRead(input.table()) - readBefore;
            String name = logName(files, input);
            files.add(new ImportRun.FileCount(name, input.entity().key(), read, validator.records(input.entity()) - before));
            if (input.table() instanceof MappedTable mapped && mapped.rowsLeftOut() > 0) {
                leftOut.put(name, mapped.rowsLeftOut());
            }
            rows += read;
        }
        Duration checking = Duration.ofNanos(System.nanoTime() - started);
        if (!problems.isEmpty()) {
            return new ImportReport(false, 0, files, Map.of(), problems.problems(), problems.total(),
                    problems.omitted(), checking, checking, Set.of(), leftOut);
        }
        if (progress.isCancelled()) {
            throw new ImportCancelledException();
        }
        Map<BundleEntity, Long> written = written(validator);
        if (!write) {
            progress.update("Checked", 1);
            return new ImportReport(true, 0, files, written, List.of(), 0, Map.of(), checking, checking,
                    Set.copyOf(tally.touched), leftOut);
        }
        long runId = write(inputs, validator, tally.accounts, rows, new ImportRun(0, startedAt, OffsetDateTime.now(),
                request.label() == null ? describe(request.inputs()) : request.label(),
                request.mapping() == null ? null : request.mapping().name(), request.mappingJson(), files),
                request.afterWrite(), progress);
        long records = written.values().stream().mapToLong(Long::longValue).sum();
        if (records >= COMPACT_AFTER_ROWS) {
            progress.update("Compacting the database", 0.99);
            database.compact();
        }
        progress.update("Done", 1);
        return new ImportReport(true, runId, files, written, List.of(), 0, Map.of(), checking,
                Duration.ofNanos(System.nanoTime() - started), Set.copyOf(tally.touched), leftOut);
    }

    /** The first rows of one file as an import would read them: its entity, file, columns and rows. */
    public record Preview(BundleEntity entity, String file, List<String> columns, List<List<String>> rows) {
    }

    /**
     * The first {@code limit} rows of each file of the request as the import reads them (through its mapping, when it
     * has one), without checking or writing anything; problems met on the way are added to {@code problems}.
     */
    public static List<Preview> preview(Request request, int limit, List<ImportProblem> problems) throws IOException {
        ProblemLog log = new ProblemLog();
        List<Input> inputs = request.mapping() == null ? canonicalInputs(request.inputs(), request.entities(), log)
                : mappedInputs(request, log);
        List<Preview> previews = new ArrayList<>();
        for (Input input : inputs) {
            List<String> columns = input.table().columns();
            List<List<String>> rows = new ArrayList<>();
            if (!input.table().headerProblems().isEmpty()) {
                input.table().headerProblems().forEach(log::add);
                previews.add(new Preview(input.entity(), input.table().file(), columns, rows));
                continue;
            }
            try {
                input.table().forEachRow(row -> {
                    if (rows.size() >= limit) {
                        throw new ImportCancelledException();
                    }
                    List<String> values = new ArrayList<>(columns.size());
                    for (String column : columns) {
                        values.add(row.get(column));
                    }
                    rows.add(values);
                }, log);
            } catch (ImportCancelledException e) {
                // enough rows
            }
            previews.add(new Preview(input.entity(), input.table().file(), columns, rows));
        }
        problems.addAll(log.problems());
        return previews;
    }

    /** The file's name in the import log; a second file of the same name and entity (from another folder) is "(2)". */
    private static String logName(List<ImportRun.FileCount> files, Input input) {
        String name = input.table().file();
        long same = files.stream().filter(f -> f.entity().equals(input.entity().key())
                && (f.fileName().equals(name) || f.fileName().startsWith(name + " ("))).count();
        return same == 0 ? name : name + " (" + (same + 1) + ")";
    }

    /**
     * What the first reading keeps: the accounts, written first so that the other rows can refer to them, and the
     * id of every account a record names.
     */
    private static final class Tally implements BundleRows {

        private final List<Account> accounts = new ArrayList<>();
        private final Set<String> touched = new HashSet<>();

        @Override
        public void account(Account account) {
            accounts.add(account);
            touched.add(account.accountId());
        }

        @Override
        public void accountChange(AccountChange change) {
            touched.add(change.accountId());
        }

        @Override
        public void usage(String accountId, LocalDate date, double[] values) {
            touched.add(accountId);
        }

        @Override
        public void ticket(Ticket ticket) {
            touched.add(ticket.accountId());
        }

        @Override
        public void interaction(Interaction interaction) {
            touched.add(interaction.accountId());
        }

        @Override
        public void survey(Survey survey) {
            touched.add(survey.accountId());
        }

        @Override
        public void outcome(Outcome outcome) {
            touched.add(outcome.accountId());
        }

        @Override
        public void note(Note note) {
            touched.add(note.accountId());
        }

        @Override
        public void task(Task task) {
            touched.add(task.accountId());
        }
    }

    private static Map<BundleEntity, Long> written(BundleValidator validator) {
        Map<BundleEntity, Long> written = new EnumMap<>(BundleEntity.class);
        for (BundleEntity entity : BundleEntity.values()) {
            written.put(entity, validator.records(entity));
        }
        return written;
    }

    /**
     * Writes in one transaction: the accounts, then every other file read again and streamed through the writer.
     * Cancelling, a failure, or a file that changed since it was checked rolls everything back.
     */
    private long write(List<Input> inputs, BundleValidator validator, List<Account> accounts, long rows, ImportRun run,
                       AfterWrite afterWrite, ImportProgress progress) throws IOException {
        long total = Math.max(1, rows);
        long problemsBefore = validator.problemCount();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            BulkLoad bulk = BulkLoad.begin(database, connection).orElse(null);
            try {
                BundleWriter writer = new BundleWriter(connection, progress::isCancelled,
                        written -> progress.update("Writing " + written + " of about " + total + " records",
                                0.4 + 0.59 * Math.min(1, (double) written / total)));
                if (bulk != null) {
                    writer.commitEvery(BulkLoad.CHUNK_ROWS);
                }
                writer.accounts(accounts);
                ImportedUsage capture = accounts.isEmpty() && rows <= ImportedUsage.AT_MOST
                        && inputs.stream().allMatch(i -> i.entity() == BundleEntity.USAGE)
                        ? new ImportedUsage(validator.usageMetrics()) : null;
                importedUsage = null;
                for (Input input : inputs) {
                    if (input.entity() == BundleEntity.ACCOUNTS) {
                        continue;
                    }
                    try (WriterRows sink = new WriterRows(writer, input.entity(), validator.usageMetrics(), capture)) {
                        validator.sendTo(sink, false);
                        try {
                            validator.read(input.entity(), input.table(), input.datePatterns());
                        } catch (ImportCancelledException e) {
                            // A write that failed stops the reading so: its failure, not a cancel, is what happened.
                            sink.failure();
                            throw e;
                        }
                        sink.failure();
                    }
                    if (validator.problemCount() > problemsBefore) {
                        throw new IOException(input.table().file() + " changed while it was imported; nothing was"
                                + " imported. Import it again.");
                    }
                }
                if (bulk != null) {
                    connection.commit();
                    progress.update("Building the indexes", 0.98);
                    bulk.indexesAfter();
                }
                if (inputs.stream().anyMatch(i -> i.entity() == BundleEntity.TASKS)) {
                    TaskLinks.moveAlerts(connection, OffsetDateTime.now(clock));
                }
                long runId = ImportRunStore.record(connection, new ImportRun(0, run.startedAt(), OffsetDateTime.now(),
                        run.source(), run.mappingName(), run.mappingJson(), run.files()));
                ImportRunStore.recordDates(connection, runId, validator.firstDate(), validator.lastDate());
                if (afterWrite != null) {
                    afterWrite.run(connection, new Written(runId, rows, validator.firstDate(), validator.lastDate()));
                }
                connection.commit();
                if (bulk != null) {
                    bulk.done();
                }
                importedUsage = capture;
                return runId;
            } catch (BundleWriter.CancellationException | ImportCancelledException e) {
                undo(connection, bulk, e);
                throw new ImportCancelledException();
            } catch (SQLException | IOException | RuntimeException e) {
                undo(connection, bulk, e);
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure("The import could not be written, nothing was changed", "importing",
                    "nothing was imported", e);
        }
    }

    /**
     * Takes back what a failed or stopped import wrote: its transaction, or the chunks of a bulk load. When the
     * connection itself is gone (a server that went away), the server has already dropped the transaction: the
     * failure to roll back is kept beside the one that stopped the import.
     */
    private static void undo(Connection connection, BulkLoad bulk, Exception stopped) throws SQLException, IOException {
        try {
            if (bulk == null) {
                connection.rollback();
            } else {
                bulk.undo();
            }
        } catch (SQLException e) {
            if (bulk != null) {
                throw e;
            }
            stopped.addSuppressed(e);
        }
    }

    /**
     * The second reading's records, into the writer's rows of the file's entity. A failure to write is kept and
     * thrown once the reading stops (the reading cannot pass a checked exception on).
     */
    private static final class WriterRows implements BundleRows, AutoCloseable {

        private final BundleWriter.Rows<AccountChange> changes;
        private final BundleWriter.UsageRows usage;
        private final BundleWriter.Rows<Ticket> tickets;
        private final BundleWriter.Rows<Interaction> interactions;
        private final BundleWriter.Rows<Survey> surveys;
        private final BundleWriter.Rows<Outcome> outcomes;
        private final BundleWriter.Rows<Note> notes;
        private final BundleWriter.Rows<Task> tasks;
        private SQLException failure;

        private final ImportedUsage capture;

        WriterRows(BundleWriter writer, BundleEntity entity, List<String> metrics, ImportedUsage capture) throws SQLException {
            this.capture = capture;
            changes = entity == BundleEntity.ACCOUNT_HISTORY ? writer.accountChanges() : null;
            usage = entity == BundleEntity.USAGE ? writer.usage(metrics) : null;
            tickets = entity == BundleEntity.TICKETS ? writer.tickets() : null;
            interactions = entity == BundleEntity.INTERACTIONS ? writer.interactions() : null;
            surveys = entity == BundleEntity.SURVEYS ? writer.surveys() : null;
            outcomes = entity == BundleEntity.OUTCOMES ? writer.outcomes() : null;
            notes = entity == BundleEntity.NOTES ? writer.notes() : null;
            tasks = entity == BundleEntity.TASKS ? writer.tasks() : null;
        }

        @FunctionalInterface
        private interface Write {
            void run() throws SQLException;
        }

        private void write(Write write) {
            if (failure != null) {
                throw new ImportCancelledException();
            }
            try {
                write.run();
            } catch (SQLException e) {
                failure = e;
                // Stops the reading; failure() then throws the cause.
                throw new ImportCancelledException();
            }
        }

        /** Throws the failure kept, once. */
        void failure() throws SQLException {
            if (failure != null) {
                SQLException kept = failure;
                failure = null;
                throw kept;
            }
        }

        @Override
        public void accountChange(AccountChange change) {
            write(() -> changes.add(change));
        }

        @Override
        public void usage(String accountId, LocalDate date, double[] values) {
            write(() -> usage.day(accountId, date, values));
            if (capture != null) {
                capture.add(accountId, date, values);
            }
        }

        @Override
        public void ticket(Ticket ticket) {
            write(() -> tickets.add(ticket));
        }

        @Override
        public void interaction(Interaction interaction) {
            write(() -> interactions.add(interaction));
        }

        @Override
        public void survey(Survey survey) {
            write(() -> surveys.add(survey));
        }

        @Override
        public void outcome(Outcome outcome) {
            write(() -> outcomes.add(outcome));
        }

        @Override
        public void note(Note note) {
            write(() -> notes.add(note));
        }

        @Override
        public void task(Task task) {
            write(() -> tasks.add(task));
        }

        @Override
        public void close() throws SQLException {
            try (changes; usage; tickets; interactions) {
                try (surveys; outcomes; notes; tasks) {
                    failure();
                }
            }
        }
    }

    private Set<String> existingAccountIds() {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT account_id FROM account")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the accounts: " + e.getMessage(), e);
        }
        return ids;
    }

    /** Canonical files by name; accounts first, since the other files refer to them. */
    private static List<Input> canonicalInputs(List<Path> paths, Map<Path, BundleEntity> named, ProblemLog problems)
            throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> listing = Files.list(path)) {
                    found = listing.filter(p -> isBundleFile(p.getFileName().toString())).sorted().toList();
                }
                if (found.isEmpty()) {
                    throw new IOException(path + " holds no bundle file; expected some of accounts.csv,"
                            + " account_history.csv, usage.csv, tickets.csv, interactions.csv, surveys.csv, outcomes.csv,"
                            + " notes.csv, tasks.csv, or a .json bundle");
                }
                for (Path file : found) {
                    addFile(file, named.get(file), inputs, problems);
                }
            } else if (Files.isRegularFile(path)) {
                addFile(path, named.get(path), inputs, problems);
            } else {
                throw new IOException(path + " does not exist");
            }
        }
        inputs.sort(Comparator.comparing(Input::entity));
        return inputs;
    }

    private static boolean isBundleFile(String name) {
        return BundleEntity.forFileName(name).isPresent() || name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static void addFile(Path file, BundleEntity named, List<Input> inputs, ProblemLog problems) throws IOException {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; expected a CSV file"
                    + (name.toLowerCase(Locale.ROOT).endsWith(".json") ? " or a JSON bundle" : "") + " of that name");
        }
        if (named != null) {
            inputs.add(new Input(named, CsvSourceTable.open(file), Map.of()));
            return;
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            JsonBundleSource.read(file, problems).forEach((entity, table) -> inputs.add(new Input(entity, table, Map.of())));
            return;
        }
        var entity = BundleEntity.forFileName(name);
        if (entity.isEmpty()) {
            problems.add(ImportProblem.ofFile(name, "a file named after what it holds: "
                    + Stream.of(BundleEntity.values()).map(BundleEntity::fileName).collect(Collectors.joining(", "))
                    + ", or a .json bundle (or use a mapping profile)"));
            return;
        }
        inputs.add(new Input(entity.get(), CsvSourceTable.open(file), Map.of()));
    }

    private static List<Input> mappedInputs(Request request, ProblemLog problems) throws IOException {
        if (request.inputs().size() != 1 || !Files.isDirectory(request.inputs().get(0))) {
            throw new IOException("With a mapping profile, give the one folder that holds the files it names");
        }
        Path folder = request.inputs().get(0);
        List<Input> inputs = new ArrayList<>();
        for (var entry : request.mapping().entities().entrySet()) {
            BundleEntity entity = MappingProfile.entity(entry.getKey()).orElseThrow();
            MappingProfile.EntityMapping mapping = entry.getValue();
            Path file = MappingProfile.fileIn(folder, mapping.file(), mappingLabel(request.mapping()),
                    "entities." + entry.getKey() + ".file");
            if (!Files.isRegularFile(file)) {
                throw new IOException("The mapping " + request.mapping().name() + " reads " + entry.getKey() + " from "
                        + mapping.file() + ", but " + folder + " has no such file");
            }
            MappedTable table = new MappedTable(entry.getKey(), entity, CsvSourceTable.open(file), mapping,
                    request.mapping().name(), folder, problems);
            inputs.add(new Input(entity, table, table.datePatterns()));
        }
        inputs.sort(Comparator.comparing(Input::entity));
        return inputs;
    }

    /** How messages name a profile: by its name, as its file name is not known here. */
    static String mappingLabel(MappingProfile mapping) {
        return mapping.name() == null || mapping.name().isBlank() ? "the mapping profile"
                : "the mapping \"" + mapping.name() + "\"";
    }

    private static String describe(List<Path> inputs) {
        return inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).collect(Collectors.joining(", "));
    }
}
