package com.bellwether.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bellwether.app.Workspace;
import com.bellwether.scoring.HealthModel;

/** Several programs on one embedded database file, and the lock a killed one leaves behind. Real processes. */
class DatabaseLockTest {

    @TempDir
    Path dir;

    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx256m");
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(false);
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran finish(Process process) throws Exception {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Ran(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aProgramsOwnConnectionsDoNotHoldItsExit() throws Exception {
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        Database.onLockWait(notices::add);
        try (Database database = Database.open(DatabaseLocation.parse(dir.resolve("own.mv.db").toString()));
             java.sql.Connection open = database.connect()) {
            // A screen or a pool still holding connections as the program ends: nobody else to wait for.
            Database.awaitOthersBeforeExit();
        } finally {
            Database.onLockWait(System.err::println);
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void threeModelSavesStartedAtOnceAllSucceed() throws Exception {
        String db = dir.resolve("shared").toString();
        Workspace.open(db);
        Path model = Files.writeString(dir.resolve("model.json"), HealthModel.defaultModel().toJson());
        List<Process> processes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            processes.add(java("com.bellwether.Main", "models", "save", model.toString(), "--db", db, "--name",
                    "Concurrent " + i).start());
        }
        for (Process process : processes) {
            Ran ran = finish(process);
            assertThat(ran.code()).as(ran.err()).isZero();
            assertThat(ran.err()).doesNotContain("Locked by another process").doesNotContain("Lock file recently modified");
        }
        assertThat(Workspace.open(db).versions()).extracting(v -> v.name())
                .contains("Concurrent 1", "Concurrent 2", "Concurrent 3").hasSize(4);
    }

    @Test
    void twoImportsStartedAtOnceBothSucceed() throws Exception {
        String db = dir.resolve("imports").toString();
        Path bundle = dir.resolve("bundle");
        Ran generated = finish(java("com.bellwether.Main", "generate", "--accounts", "60", "--months", "6", "--seed", "3",
                "--out", bundle.toString()).start());
        assertThat(generated.code()).as(generated.err()).isZero();
        Workspace.open(db);
        Process a = java("com.bellwether.Main", "import", "--db", db, bundle.toString()).start();
        Process b = java("com.bellwether.Main", "import", "--db", db, bundle.toString()).start();
        for (Ran ran : List.of(finish(a), finish(b))) {
            assertThat(ran.code()).as(ran.err()).isZero();
            assertThat(ran.err()).doesNotContain("Locked by another process").doesNotContain("Lock file recently modified");
        }
        assertThat(Workspace.open(db).info(5).recentImports()).hasSize(2);
    }

    @Test
    void aKilledHoldersLockDoesNotDelayTheNextStart() throws Exception {
        Path file = dir.resolve("stale.mv.db");
        Database.open(DatabaseLocation.parse(file.toString())).close();
        Process holder = java(HoldDatabase.class.getName(), file.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("held ");
        }
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(dir.resolve("stale.lock.db")).as("the killed program's lock is left behind").exists();

        long start = System.nanoTime();
        Database.open(DatabaseLocation.parse(file.toString())).close();
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("Opened after an unclean exit in " + millis + " ms");
        assertThat(millis).isLessThan(1500);
    }

    @Test
    void aLockFileOfALiveServerIsNotStale() throws IOException {
        Path file = dir.resolve("live.mv.db");
        Database held = Database.openHeld(DatabaseLocation.parse(file.toString()));
        try {
            assertThat(DatabaseLock.of(file).clearIfStale()).isFalse();
            assertThat(dir.resolve("live.lock.db")).exists();
            assertThat(DatabaseLock.of(file).holder()).startsWith("the program serving it on ");
        } finally {
            held.close();
        }
    }
}
