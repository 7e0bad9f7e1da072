package com.bellwether.scoring;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.bellwether.scoring.Portfolio.AccountData;

/**
 * The raw signals of one account up to a date, as a CSM would chart them: each usage metric week by week (the mean
 * per reported day), tickets opened and interactions per calendar month, and every NPS answer. Nothing after the
 * as-of date is read.
 */
public record AccountSignals(
        String accountId,
        LocalDate asOf,
        List<MetricSeries> usage,
        List<MonthCount> ticketsPerMonth,
        List<MonthCount> interactionsPerMonth,
        List<DatedValue> npsAnswers) {

    /** Weeks of usage shown, ending at the as-of date. */
    public static final int USAGE_WEEKS = 52;
    /** Calendar months of tickets and interactions, the as-of date's month last. */
    public static final int MONTHS = 12;
    /** NPS answers are sparse, so they are shown over two years. */
    public static final int NPS_MONTHS = 24;

    public record DatedValue(LocalDate date, double value) {
    }

    /** One usage metric: the mean per reported day of each week that has a reported day, the week's last day as date. */
    public record MetricSeries(String metric, List<DatedValue> weekly) {
    }

    public record MonthCount(YearMonth month, int count) {
    }

    public static AccountSignals of(Portfolio portfolio, String accountId, LocalDate asOf) {
        int a = portfolio.indexOf(accountId);
        if (a < 0) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        AccountData data = portfolio.data(a);
        int t = (int) asOf.toEpochDay();
        List<MetricSeries> usage = new ArrayList<>();
        for (int m = 0; m < portfolio.metrics().size(); m++) {
            List<DatedValue> weekly = new ArrayList<>();
            for (int week = USAGE_WEEKS - 1; week >= 0; week--) {
                int last = t - 7 * week;
                int lo = AccountData.countUpTo(data.usageDays, last - 7);
                int hi = AccountData.countUpTo(data.usageDays, last);
                int[] days = new int[1];
                double sum = data.usageSum(m, lo, hi, days);
                if (days[0] > 0) {
                    weekly.add(new DatedValue(LocalDate.ofEpochDay(last), sum / days[0]));
                }
            }
            usage.add(new MetricSeries(portfolio.metrics().get(m), List.copyOf(weekly)));
        }
        YearMonth lastMonth = YearMonth.from(asOf);
        List<DatedValue> nps = new ArrayList<>();
        int npsFrom = (int) lastMonth.minusMonths(NPS_MONTHS - 1L).atDay(1).toEpochDay();
        for (int i = 0; i < data.surveyDays.length && data.surveyDays[i] <= t; i++) {
            if (data.surveyDays[i] >= npsFrom) {
                nps.add(new DatedValue(LocalDate.ofEpochDay(data.surveyDays[i]), data.surveyNps[i]));
            }
        }
        return new AccountSignals(accountId, asOf, List.copyOf(usage), perMonth(data.ticketOpened, lastMonth, t),
                perMonth(data.interactionDays, lastMonth, t), List.copyOf(nps));
    }

    /** Counts of sorted days per month, for the months up to the as-of date's, counting no day after it. */
    private static List<MonthCount> perMonth(int[] days, YearMonth lastMonth, int t) {
        List<MonthCount> counts = new ArrayList<>();
        for (int back = MONTHS - 1; back >= 0; back--) {
            YearMonth month = lastMonth.minusMonths(back);
            int first = (int) month.atDay(1).toEpochDay();
            int last = Math.min(t, (int) month.atEndOfMonth().toEpochDay());
            counts.add(new MonthCount(month, AccountData.countUpTo(days, last) - AccountData.countUpTo(days, first - 1)));
        }
        return List.copyOf(counts);
    }

    /** Whether there is anything to chart at all. */
    public boolean isEmpty() {
        return usage.stream().allMatch(s -> s.weekly().isEmpty()) && npsAnswers.isEmpty()
                && ticketsPerMonth.stream().allMatch(c -> c.count() == 0)
                && interactionsPerMonth.stream().allMatch(c -> c.count() == 0);
    }
}
