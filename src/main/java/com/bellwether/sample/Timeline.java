package com.bellwether.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The history window in epoch days, with per-day tables the generator reads in its inner loops:
 * ISO date text, yearly seasonality per region and the weekday pattern of daily usage.
 */
final class Timeline {

    /** First and last day of the window, inclusive, as epoch days. */
    final int start;
    final int end;
    private final String[] dateText;
    private final double[][] season;
    private final double[] weekday;
    private final boolean[] weekend;

    private static final double[] WEEKDAY_FACTOR = {1.0, 1.06, 1.05, 1.0, 0.86, 0.10, 0.07};

    Timeline(LocalDate first, LocalDate last) {
        this.start = (int) first.toEpochDay();
        this.end = (int) last.toEpochDay();
        int days = end - start + 1;
        dateText = new String[days];
        season = new double[Names.REGIONS.length][days];
        weekday = new double[days];
        weekend = new boolean[days];
        for (int i = 0; i < days; i++) {
            LocalDate date = LocalDate.ofEpochDay(start + (long) i);
            dateText[i] = date.toString();
            DayOfWeek dow = date.getDayOfWeek();
            weekday[i] = WEEKDAY_FACTOR[dow.ordinal()];
            weekend[i] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            for (int r = 0; r < Names.REGIONS.length; r++) {
                season[r][i] = seasonality(date, r);
            }
        }
    }

    int days() {
        return end - start + 1;
    }

    boolean contains(int day) {
        return day >= start && day <= end;
    }

    /** ISO text of an epoch day. */
    String date(int day) {
        if (day >= start && day <= end) {
            return dateText[day - start];
        }
        return LocalDate.ofEpochDay(day).toString();
    }

    /** Yearly seasonality of usage for a region (1 = normal) on a day inside the window. */
    double season(int region, int day) {
        return season[region][day - start];
    }

    /** Weekday pattern of daily usage (weekends low) on a day inside the window. */
    double weekday(int day) {
        return weekday[day - start];
    }

    /** Monday on or before a day (1970-01-01, epoch day 0, was a Thursday). */
    static int mondayOnOrBefore(int day) {
        return day - Math.floorMod(day + 3, 7);
    }

    /** Moves a weekend day to the following Monday. */
    static int nextWorkday(int day) {
        int dow = Math.floorMod(day + 3, 7);
        if (dow == 5) {
            return day + 2;
        }
        if (dow == 6) {
            return day + 1;
        }
        return day;
    }

    boolean weekendInWindow(int day) {
        return weekend[day - start];
    }

    /**
     * Year-end holidays are low everywhere (less so in APAC), August is low, most of all in EMEA;
     * LATAM has its summer holidays in January and February.
     */
    static double seasonality(LocalDate date, int region) {
        int month = date.getMonthValue();
        int dom = date.getDayOfMonth();
        double f = 1.0;
        boolean apac = region == 2;
        if ((month == 12 && dom >= 22) || (month == 1 && dom == 1)) {
            f = apac ? 0.72 : 0.45;
        } else if ((month == 12 && dom >= 17) || (month == 1 && dom <= 4)) {
            f = apac ? 0.9 : 0.78;
        }
        double august;
        switch (region) {
            case 0 -> august = 0.86;
            case 1 -> august = 0.68;
            case 2 -> august = 0.95;
            default -> august = 0.9;
        }
        if (month == 8) {
            f *= august;
        } else if ((month == 7 && dom >= 22) || (month == 9 && dom <= 4)) {
            f *= (1.0 + august) / 2.0;
        }
        if (region == 3 && (month == 1 || (month == 2 && dom <= 20))) {
            f *= 0.88;
        }
        return f;
    }
}
