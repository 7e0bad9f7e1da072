package com.bellwether.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.bellwether.store.DatabaseSummary;

/** A portfolio that would not fit the heap is refused before it is read, with what it needs and how to give it. */
class HeapEstimateTest {

    @Test
    void theSampleFitsAnyReasonableHeap() throws Exception {
        assertThatCode(() -> HeapEstimate.check(SamplePortfolio.database(), 256L << 20)).doesNotThrowAnyException();
    }

    @Test
    void aHeapTooSmallGetsOneLineWithTheNeedAndTheFlag() throws Exception {
        long needed = (long) (HeapEstimate.portfolioBytes(DatabaseSummary.rowCounts(SamplePortfolio.database()))
                * HeapEstimate.HEADROOM);
        assertThat(needed).isGreaterThan(1L << 20);
        assertThatThrownBy(() -> HeapEstimate.check(SamplePortfolio.database(), 1L << 20))
                .isInstanceOf(TooLargeForHeap.class)
                .hasMessageContaining("600 accounts")
                .hasMessageContaining("needs about " + String.format(java.util.Locale.ROOT, "%,d", needed >> 20) + " MB")
                .hasMessageContaining("this JVM has 1 MB")
                .hasMessageContaining("BELLWETHER_JAVA_OPTS=-Xmx2g")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theEstimateCoversWhatTheColumnsTake() throws Exception {
        // The per-row figures are the columns' own: the sample read into columns must not outgrow its estimate.
        var database = SamplePortfolio.database();
        Portfolio.load(database); // the database's own caches warmed, so only the second portfolio is counted
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long before = runtime.totalMemory() - runtime.freeMemory();
        Portfolio portfolio = Portfolio.load(database);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long held = runtime.totalMemory() - runtime.freeMemory() - before;
        assertThat(portfolio.size()).isEqualTo(600);
        assertThat(held).isLessThan(HeapEstimate.portfolioBytes(DatabaseSummary.rowCounts(database)));
    }
}
