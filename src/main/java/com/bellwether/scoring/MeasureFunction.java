package com.bellwether.scoring;

import java.util.List;
import java.util.Locale;

import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.TicketPriority;
import com.bellwether.scoring.HealthModel.Derivation;
import com.bellwether.scoring.Portfolio.AccountData;

/**
 * A measure's derivation, resolved against a portfolio's metric names: computes the raw value for an account as of
 * a day from data dated on or before that day only, per licensed seat with the seats in force that day. NaN means
 * no data.
 */
final class MeasureFunction {

    private enum Type { USAGE, USAGE_CHANGE, USAGE_SLOPE, RATIO, DAYS_SINCE, TICKETS, CSAT, NPS, STAKEHOLDERS, SENTIMENT }

    private final Type type;
    private final int window;
    private final int metric;
    private final int denominatorMetric;
    private final boolean denominatorSeats;
    private final String aggregate;
    private final boolean perSeat;
    private final int role;
    private final int kind;
    private final int priorityMask;
    private final boolean escalatedOnly;
    private final boolean openAtDate;
    private final boolean ticketTexts;
    private final boolean surveyTexts;
    private final boolean interactionTexts;
    /** For a change: where its baseline ends before t (the window's start, or 52 weeks before t) and how long it is. */
    private final int baselineEnd;
    private final int baselineLength;

    MeasureFunction(Derivation d, Portfolio portfolio) {
        this.type = Type.valueOf(d.type().toUpperCase(Locale.ROOT));
        this.window = d.windowDays();
        this.metric = d.metric() == null ? -1 : portfolio.metricIndex(d.metric());
        this.denominatorSeats = "licensed_seats".equals(d.denominator());
        this.denominatorMetric = d.denominator() == null || denominatorSeats ? -1 : portfolio.metricIndex(d.denominator());
        this.aggregate = d.aggregate() == null ? (type == Type.USAGE_CHANGE || type == Type.RATIO ? "mean" : "sum") : d.aggregate();
        this.perSeat = Boolean.TRUE.equals(d.perSeat());
        this.role = d.role() == null ? -1 : StakeholderRole.valueOf(d.role().toUpperCase(Locale.ROOT)).ordinal();
        this.kind = d.kind() == null ? -1 : InteractionKind.valueOf(d.kind().toUpperCase(Locale.ROOT)).ordinal();
        int mask = 0;
        for (String p : d.priorities() == null ? List.<String>of() : d.priorities()) {
            mask |= 1 << TicketPriority.valueOf(p.toUpperCase(Locale.ROOT)).ordinal();
        }
        this.priorityMask = mask;
        this.escalatedOnly = Boolean.TRUE.equals(d.escalated());
        this.openAtDate = Boolean.TRUE.equals(d.open());
        List<String> sources = d.sources() == null ? HealthModel.TEXT_SOURCES : d.sources();
        this.ticketTexts = sources.contains("tickets");
        this.surveyTexts = sources.contains("surveys");
        this.interactionTexts = sources.contains("interactions");
        this.baselineEnd = d.yearBefore() ? Derivation.YEAR_DAYS : window;
        this.baselineLength = d.yearBefore() ? window : d.baselineDaysOrWindow();
    }

    /** The raw value as of day t (an epoch day), reading nothing dated after t. */
    double raw(AccountData d, int t) {
        return switch (type) {
            case USAGE -> seats(d, t, aggregate(d, metric, t - window, t));
            case USAGE_CHANGE -> change(d, t);
            case USAGE_SLOPE -> seats(d, t, slope(d, t));
            case RATIO -> ratio(d, t);
            case DAYS_SINCE -> daysSince(d, t);
            case TICKETS -> tickets(d, t);
            case CSAT -> csat(d, t);
            case NPS -> nps(d, t);
            case STAKEHOLDERS -> stakeholders(d, t);
            case SENTIMENT -> sentiment(d, t);
        };
    }

    /** The value per licensed seat in force at day t, when the measure is per seat. */
    private double seats(AccountData d, int t, double value) {
        if (!perSeat || Double.isNaN(value)) {
            return value;
        }
        Integer seats = d.at(t).licensedSeats();
        return seats == null || seats == 0 ? Double.NaN : value / seats;
    }

    /** The aggregate of a metric over the days in (from, to]. */
    private double aggregate(AccountData d, int m, int from, int to) {
        if (m < 0) {
            return Double.NaN;
        }
        int lo = AccountData.countUpTo(d.usageDays, from);
        int hi = AccountData.countUpTo(d.usageDays, to);
        int[] count = new int[1];
        double sum = d.usageSum(m, lo, hi, count);
        if (count[0] == 0) {
            return Double.NaN;
        }
        switch (aggregate) {
            case "sum":
                return sum;
            case "mean":
                return sum / count[0];
            case "last":
                for (int i = hi - 1; i >= lo; i--) {
                    if (!Double.isNaN(d.usage(m, i))) {
                        return d.usage(m, i);
                    }
                }
                return Double.NaN;
            default:
                double max = Double.NEGATIVE_INFINITY;
                for (int i = lo; i < hi; i++) {
                    if (d.usage(m, i) > max) {
                        max = d.usage(m, i);
                    }
                }
                return max;
        }
    }

    /**
     * Percent change of the window against its baseline: the days just before it (the window's length unless
     * baselineDays says otherwise), or the same window 52 weeks earlier (no value when the account has no data then:
     * its own history cannot tell a season from a drop).
     */
    private double change(AccountData d, int t) {
        double current = aggregate(d, metric, t - window, t);
        double prior = aggregate(d, metric, t - baselineEnd - baselineLength, t - baselineEnd);
        if (Double.isNaN(current) || Double.isNaN(prior) || prior == 0) {
            return Double.NaN;
        }
        return (current - prior) / Math.abs(prior) * 100;
    }

    /** Least-squares slope of the metric over the window, per week. */
    private double slope(AccountData d, int t) {
        if (metric < 0) {
            return Double.NaN;
        }
        int lo = AccountData.countUpTo(d.usageDays, t - window);
        int hi = AccountData.countUpTo(d.usageDays, t);
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = lo; i < hi; i++) {
            double y = d.usage(metric, i);
            if (Double.isNaN(y)) {
                continue;
            }
            double x = d.usageDays[i] - t;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        if (n < 2 || denominator == 0) {
            return Double.NaN;
        }
        return (n * sxy - sx * sy) / denominator * 7;
    }

    private double ratio(AccountData d, int t) {
        double numerator = aggregate(d, metric, t - window, t);
        double denominator;
        if (denominatorSeats) {
            Integer seats = d.at(t).licensedSeats();
            denominator = seats == null ? Double.NaN : seats;
        } else {
            denominator = aggregate(d, denominatorMetric, t - window, t);
        }
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return Double.NaN;
        }
        return numerator / denominator;
    }

    private double daysSince(AccountData d, int t) {
        if (role >= 0 || kind >= 0) {
            for (int i = AccountData.countUpTo(d.interactionDays, t) - 1; i >= 0; i--) {
                if ((role < 0 || d.interactionRole[i] == role) && (kind < 0 || d.interactionKind[i] == kind)) {
                    return t - d.interactionDays[i];
                }
            }
            return Double.NaN;
        }
        if (metric >= 0) {
            for (int i = AccountData.countUpTo(d.usageDays, t) - 1; i >= 0; i--) {
                if (d.usage(metric, i) > 0) {
                    return t - d.usageDays[i];
                }
            }
        }
        return Double.NaN;
    }

    private double tickets(AccountData d, int t) {
        int hi = AccountData.countUpTo(d.ticketOpened, t);
        int lo = openAtDate ? 0 : AccountData.countUpTo(d.ticketOpened, t - window);
        int count = 0;
        for (int i = lo; i < hi; i++) {
            if (openAtDate && d.ticketClosed[i] <= t) {
                continue;
            }
            if (priorityMask != 0 && (priorityMask & (1 << d.ticketPriority[i])) == 0) {
                continue;
            }
            if (escalatedOnly && !d.ticketEscalated[i]) {
                continue;
            }
            count++;
        }
        return seats(d, t, count);
    }

    /** Mean satisfaction of the tickets closed in the window (a rating is known once its ticket is closed). */
    private double csat(AccountData d, int t) {
        int hi = AccountData.countUpTo(d.ticketOpened, t);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < hi; i++) {
            int closed = d.ticketClosed[i];
            if (d.ticketCsat[i] > 0 && closed <= t && closed > t - window) {
                sum += d.ticketCsat[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The latest answer within the window. */
    private double nps(AccountData d, int t) {
        int i = AccountData.countUpTo(d.surveyDays, t) - 1;
        if (i < 0 || d.surveyDays[i] <= t - window) {
            return Double.NaN;
        }
        return d.surveyNps[i];
    }

    /**
     * The mean tone of the texts dated in the window (tickets by the day they were opened); NaN without any. A text's
     * tone was computed when it was imported, so nothing here reads words.
     */
    private double sentiment(AccountData d, int t) {
        double[] sum = new double[2];
        if (ticketTexts) {
            addTones(d.ticketOpened, d.ticketTone, t, sum);
        }
        if (surveyTexts) {
            addTones(d.surveyDays, d.surveyTone, t, sum);
        }
        if (interactionTexts) {
            addTones(d.interactionDays, d.interactionTone, t, sum);
        }
        return sum[1] == 0 ? Double.NaN : sum[0] / sum[1];
    }

    /** Adds the tones dated in (t - window, t] to sum[0] and their count to sum[1]. */
    private void addTones(int[] days, float[] tones, int t, double[] sum) {
        if (tones == null) {
            return;
        }
        int hi = AccountData.countUpTo(days, t);
        for (int i = AccountData.countUpTo(days, t - window); i < hi; i++) {
            if (!Float.isNaN(tones[i])) {
                sum[0] += tones[i];
                sum[1]++;
            }
        }
    }

    private double stakeholders(AccountData d, int t) {
        int lo = AccountData.countUpTo(d.interactionDays, t - window);
        int hi = AccountData.countUpTo(d.interactionDays, t);
        long[] seen = new long[(d.contacts.length + 63) >>> 6];
        int contacts = 0;
        for (int i = lo; i < hi; i++) {
            if (d.interactionRole[i] == role && (kind < 0 || d.interactionKind[i] == kind)) {
                int c = d.interactionContact[i];
                long bit = 1L << (c & 63);
                if ((seen[c >>> 6] & bit) == 0) {
                    seen[c >>> 6] |= bit;
                    contacts++;
                }
            }
        }
        return contacts;
    }
}
