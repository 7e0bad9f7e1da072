package com.bellwether.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.bellwether.backtest.BacktestFrame;
import com.bellwether.backtest.BacktestSettings;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.Portfolio;
import com.bellwether.store.Database;
import com.bellwether.store.DatabaseLocation;

/**
 * The heap a database's portfolio holds once read, and once its default backtest frame (36 monthly cut-offs on a
 * 30-month portfolio) is scored beside it: what the workbench keeps for the Portfolio, Tuning and Backtest screens.
 * Run by {@code scripts/heap.sh DB} with the heap the target names (-Xmx2g).
 */
public final class HeapPerAccount {

    private HeapPerAccount() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HeapPerAccount DATABASE");
            System.exit(2);
        }
        Database database = Database.open(DatabaseLocation.parse(args[0]));
        long before = usedAfterGc();
        long started = System.nanoTime();
        Portfolio portfolio = Portfolio.load(database);
        long read = System.nanoTime();
        long withPortfolio = usedAfterGc();
        BacktestFrame frame = BacktestFrame.build(HealthModel.defaultModel(), portfolio, BacktestSettings.defaults(), () -> false);
        long built = System.nanoTime();
        long withFrame = usedAfterGc();
        int accounts = portfolio.size();
        System.out.printf(Locale.ROOT, "accounts %,d; backtest frame %,d points over %d cut-offs%n", accounts,
                frame.grid().accountCount() * frame.cutoffs().size(), frame.cutoffs().size());
        System.out.printf(Locale.ROOT, "read the portfolio in %.1f s; scored the frame in %.1f s%n",
                (read - started) / 1e9, (built - read) / 1e9);
        System.out.printf(Locale.ROOT, "portfolio: %,d bytes held, %,.0f bytes per account%n",
                withPortfolio - before, (withPortfolio - before) / (double) accounts);
        System.out.printf(Locale.ROOT, "portfolio and backtest frame: %,d bytes held, %,.0f bytes per account%n",
                withFrame - before, (withFrame - before) / (double) accounts);
        System.out.printf(Locale.ROOT, "max heap %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        if (frame.portfolio() != portfolio) {
            throw new AssertionError("the frame holds another portfolio");
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
