package com.bellwether.scoring;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bellwether.domain.Account;
import com.bellwether.scoring.Portfolio.AccountData;

/**
 * A portfolio's columns kept in a file beside the database (…/NAME.cache/portfolio-DIGEST.bin), so that a second
 * command or start on the same data reads them in one pass instead of querying every table again. The digest names
 * the data's version; CSM notes are left out (they change between imports) and read from the database each time.
 * A file whose checksum does not hold is removed and the database read instead.
 */
final class PortfolioFile {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioFile.class);
    /**
     * "BWPORTF3": the format's version is its last character (2 carries the accounts' dated attributes, 3 the tones
     * of tickets, interactions and surveys).
     */
    private static final long MAGIC = 0x4257504F52544633L;

    private final Path file;

    PortfolioFile(Path folder, String dataVersion) {
        this.file = folder.resolve("portfolio-" + MeasureCache.digest(dataVersion) + ".bin");
    }

    Path path() {
        return file;
    }

    /**
     * Writing a portfolio's columns takes seconds at 100,000 accounts: a sync or an import in a running workbench
     * hands it to this one thread and goes on. Writes run in order; one overtaken by a later write to the same folder
     * is skipped. A reading, and the end of the process, wait for the writes handed over before.
     */
    private static final java.util.concurrent.ExecutorService WRITER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "kept-columns-writer");
                thread.setDaemon(true);
                return thread;
            });
    private static final java.util.Map<Path, Long> LATEST = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();
    private static volatile java.util.concurrent.Future<?> lastWrite = java.util.concurrent.CompletableFuture.completedFuture(null);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PortfolioFile::awaitWrites, "kept-columns-flush"));
    }

    /** Writes the portfolio's columns on the writer thread (see {@link #WRITER}). */
    void writeLater(Portfolio portfolio) {
        Path folder = file.getParent();
        synchronized (WRITER) {
            long number = WRITES.incrementAndGet();
            LATEST.put(folder, number);
            lastWrite = WRITER.submit(() -> {
                if (LATEST.get(folder) == number) {
                    write(portfolio);
                }
            });
        }
    }

    /** Waits (two minutes at most) for the writes handed over so far. */
    static void awaitWrites() {
        try {
            lastWrite.get(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("The kept columns could not be written: {}", e.getMessage());
        }
    }

    /** The columns, without notes; empty when there is no file for this data or it is damaged. */
    Optional<Portfolio> read() {
        awaitWrites();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        try (ColumnInput in = new ColumnInput(new Checked(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                size))) {
            if (in.readLong() != MAGIC) {
                throw new IOException("not a portfolio file");
            }
            List<String> metrics = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                metrics.add(in.readUTF());
            }
            Map<String, String> shared = new HashMap<>();
            int count = in.readInt();
            // An account takes far more than 16 bytes (its id, name, flags and the lengths of its columns).
            if (count < 0 || count > in.checked.remaining() / 16) {
                throw new EOFException(count + " accounts in " + in.checked.remaining() + " bytes");
            }
            List<Account> accounts = new ArrayList<>(count);
            Map<String, Integer> index = new HashMap<>(count * 2);
            AccountData[] data = new AccountData[count];
            for (int a = 0; a < count; a++) {
                Account account = new Account(in.readUTF(), in.readUTF(), text(in, shared), text(in, shared),
                        text(in, shared), text(in, shared), text(in, shared),
                        in.readBoolean() ? in.readDouble() : null, in.readBoolean() ? in.readInt() : null,
                        in.readBoolean() ? LocalDate.ofEpochDay(in.readInt()) : null,
                        in.readBoolean() ? LocalDate.ofEpochDay(in.readInt()) : null);
                accounts.add(account);
                index.put(account.accountId(), a);
                AccountData d = new AccountData(account);
                d.start = in.readInt();
                d.changeDays = ints(in);
                d.changed = new Account[d.changeDays.length];
                for (int i = 0; i < d.changed.length; i++) {
                    d.changed[i] = new Account(account.accountId(), account.name(), account.segment(),
                            account.industry(), account.region(), text(in, shared), text(in, shared),
                            in.readBoolean() ? in.readDouble() : null, in.readBoolean() ? in.readInt() : null,
                            account.contractStart(), in.readBoolean() ? LocalDate.ofEpochDay(in.readInt()) : null);
                }
                d.usageDays = ints(in);
                if (in.readBoolean()) {
                    d.usageFloats = floats(in);
                } else {
                    d.usageDoubles = doubles(in);
                }
                d.ticketOpened = ints(in);
                d.ticketClosed = ints(in);
                d.ticketPriority = bytes(in);
                byte[] escalated = bytes(in);
                d.ticketEscalated = new boolean[escalated.length];
                for (int i = 0; i < escalated.length; i++) {
                    d.ticketEscalated[i] = escalated[i] != 0;
                }
                d.ticketCsat = bytes(in);
                d.ticketTone = in.readBoolean() ? floats(in) : null;
                d.interactionDays = ints(in);
                d.interactionRole = bytes(in);
                d.interactionKind = bytes(in);
                d.interactionContact = ints(in);
                d.contacts = new String[length(in, 2)];
                for (int i = 0; i < d.contacts.length; i++) {
                    d.contacts[i] = in.readUTF();
                }
                d.interactionTone = in.readBoolean() ? floats(in) : null;
                d.surveyDays = ints(in);
                d.surveyNps = bytes(in);
                d.surveyTone = in.readBoolean() ? floats(in) : null;
                d.outcomeDays = ints(in);
                d.outcomeEvents = bytes(in);
                d.outcomeArrChange = in.readBoolean() ? doubles(in) : null;
                data[a] = d;
            }
            long computed = in.checked.crc.getValue();
            if (in.readLong() != computed) {
                throw new IOException("checksum does not match");
            }
            if (in.read() != -1) {
                throw new IOException("longer than its columns");
            }
            return Optional.of(Portfolio.of(accounts, index, metrics, data));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Portfolio file {} cannot be used ({}); reading the database instead", file, e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException failed) {
                LOG.warn("Cannot remove the damaged portfolio file {}", file, failed);
            }
            return Optional.empty();
        }
    }

    /**
     * The file's bytes with their CRC-32 and count kept as they are taken, so the checksum is checked in the same
     * pass that reads the columns; a column's length is held against what is left of the file before anything is
     * allocated for it, so a damaged length fails at once instead of asking for a huge array.
     */
    private static final class ColumnInput extends DataInputStream {

        final Checked checked;

        ColumnInput(Checked checked) {
            super(checked);
            this.checked = checked;
        }
    }

    private static final class Checked extends java.io.FilterInputStream {

        final CRC32 crc = new CRC32();
        private final long size;
        private long taken;

        Checked(java.io.InputStream in, long size) {
            super(in);
            this.size = size;
        }

        long remaining() {
            return size - taken;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                crc.update(b);
                taken++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                crc.update(buffer, offset, n);
                taken += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("a checked read takes every byte");
        }
    }

    /** Writes the columns (notes left out) and removes the files of earlier data; a failure only costs time later. */
    void write(Portfolio portfolio) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "portfolio", ".tmp");
            CRC32 crc = new CRC32();
            try (CheckedOutputStream checked = new CheckedOutputStream(Files.newOutputStream(temporary), crc);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16))) {
                out.writeLong(MAGIC);
                out.writeInt(portfolio.metrics().size());
                for (String metric : portfolio.metrics()) {
                    out.writeUTF(metric);
                }
                out.writeInt(portfolio.size());
                for (int a = 0; a < portfolio.size(); a++) {
                    AccountData d = portfolio.data(a);
                    Account account = d.account;
                    out.writeUTF(account.accountId());
                    out.writeUTF(account.name());
                    text(out, account.segment());
                    text(out, account.industry());
                    text(out, account.region());
                    datedAttributes(out, account);
                    date(out, account.contractStart());
                    date(out, account.renewalDate());
                    out.writeInt(d.start);
                    ints(out, d.changeDays);
                    for (Account changed : d.changed) {
                        datedAttributes(out, changed);
                        date(out, changed.renewalDate());
                    }
                    ints(out, d.usageDays);
                    out.writeBoolean(d.usageFloats != null);
                    if (d.usageFloats != null) {
                        floats(out, d.usageFloats);
                    } else {
                        doubles(out, d.usageDoubles == null ? new double[0] : d.usageDoubles);
                    }
                    ints(out, d.ticketOpened);
                    ints(out, d.ticketClosed);
                    bytes(out, d.ticketPriority);
                    byte[] escalated = new byte[d.ticketEscalated.length];
                    for (int i = 0; i < escalated.length; i++) {
                        escalated[i] = (byte) (d.ticketEscalated[i] ? 1 : 0);
                    }
                    bytes(out, escalated);
                    bytes(out, d.ticketCsat);
                    tones(out, d.ticketTone);
                    ints(out, d.interactionDays);
                    bytes(out, d.interactionRole);
                    bytes(out, d.interactionKind);
                    ints(out, d.interactionContact);
                    out.writeInt(d.contacts.length);
                    for (String contact : d.contacts) {
                        out.writeUTF(contact);
                    }
                    tones(out, d.interactionTone);
                    ints(out, d.surveyDays);
                    bytes(out, d.surveyNps);
                    tones(out, d.surveyTone);
                    ints(out, d.outcomeDays);
                    bytes(out, d.outcomeEvents);
                    out.writeBoolean(d.outcomeArrChange != null);
                    if (d.outcomeArrChange != null) {
                        doubles(out, d.outcomeArrChange);
                    }
                }
                out.flush();
                out.writeLong(crc.getValue());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> others = Files.list(file.getParent())) {
                for (Path other : others.toList()) {
                    String name = other.getFileName().toString();
                    if (!other.equals(file) && name.startsWith("portfolio-") && name.endsWith(".bin")) {
                        Files.deleteIfExists(other);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot keep the portfolio's columns in {}: {}", file, e.getMessage());
        }
    }

    /** CSM, lifecycle stage, ARR and seats, in the order the reader takes them (the renewal date goes apart). */
    private static void datedAttributes(DataOutputStream out, Account account) throws IOException {
        text(out, account.csm());
        text(out, account.lifecycleStage());
        out.writeBoolean(account.arr() != null);
        if (account.arr() != null) {
            out.writeDouble(account.arr());
        }
        out.writeBoolean(account.licensedSeats() != null);
        if (account.licensedSeats() != null) {
            out.writeInt(account.licensedSeats());
        }
    }

    private static String text(ColumnInput in, Map<String, String> shared) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String value = in.readUTF();
        return shared.computeIfAbsent(value, v -> v);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static void date(DataOutputStream out, LocalDate date) throws IOException {
        out.writeBoolean(date != null);
        if (date != null) {
            out.writeInt((int) date.toEpochDay());
        }
    }

    /**
     * The bytes of the next {@code count} values of {@code width} bytes, read in one go into a buffer kept between
     * calls: a column then comes out in one bulk copy rather than a call per value.
     */
    private static ByteBuffer block(DataInputStream in, int count, int width) throws IOException {
        long bytes = (long) count * width;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new EOFException("a column of " + count + " values");
        }
        int size = (int) bytes;
        byte[] buffer = BLOCK.get();
        if (buffer.length < size) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
            BLOCK.set(buffer);
        }
        in.readFully(buffer, 0, size);
        return ByteBuffer.wrap(buffer, 0, size);
    }

    private static final ThreadLocal<byte[]> BLOCK = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    private static int[] ints(ColumnInput in) throws IOException {
        int[] values = new int[length(in, Integer.BYTES)];
        block(in, values.length, Integer.BYTES).asIntBuffer().get(values);
        return values;
    }

    private static void ints(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static float[] floats(ColumnInput in) throws IOException {
        float[] values = new float[length(in, Float.BYTES)];
        block(in, values.length, Float.BYTES).asFloatBuffer().get(values);
        return values;
    }

    /** A column of tones, or only a false flag when the account has none. */
    private static void tones(DataOutputStream out, float[] tones) throws IOException {
        out.writeBoolean(tones != null);
        if (tones != null) {
            floats(out, tones);
        }
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static double[] doubles(ColumnInput in) throws IOException {
        double[] values = new double[length(in, Double.BYTES)];
        block(in, values.length, Double.BYTES).asDoubleBuffer().get(values);
        return values;
    }

    private static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static byte[] bytes(ColumnInput in) throws IOException {
        byte[] values = new byte[length(in, 1)];
        in.readFully(values);
        return values;
    }

    private static void bytes(DataOutputStream out, byte[] values) throws IOException {
        out.writeInt(values.length);
        out.write(values);
    }

    /** A column's length, refused when the file has fewer bytes left than its values would take. */
    private static int length(ColumnInput in, int width) throws IOException {
        int length = in.readInt();
        if (length < 0 || (long) length * width > in.checked.remaining()) {
            throw new EOFException("a column of " + length + " values");
        }
        return length;
    }
}
