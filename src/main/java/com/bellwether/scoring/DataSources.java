package com.bellwether.scoring;

import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.StakeholderRole;

/**
 * What kinds of data a portfolio holds at all, whatever the date: which usage metrics have a value in some row,
 * whether any account has licensed seats, tickets, rated tickets, surveys, and interactions of each role and kind.
 * Worked out once per portfolio in one pass over its columns (a metric's column is read only until a value turns
 * up), so a measure whose source is absent from the whole database can be left out instead of scored as the worst.
 */
final class DataSources {

    private static final int KINDS = InteractionKind.values().length;

    private final boolean[] metricHasValue;
    private final boolean seats;
    private final boolean tickets;
    private final boolean ratedTickets;
    private final boolean surveys;
    /** Bit {@code role * KINDS + kind} set when some interaction has that role and kind. */
    private final long interactions;

    private DataSources(boolean[] metricHasValue, boolean seats, boolean tickets, boolean ratedTickets, boolean surveys,
                        long interactions) {
        this.metricHasValue = metricHasValue;
        this.seats = seats;
        this.tickets = tickets;
        this.ratedTickets = ratedTickets;
        this.surveys = surveys;
        this.interactions = interactions;
    }

    static DataSources of(Portfolio portfolio) {
        int width = portfolio.metrics().size();
        boolean[] valued = new boolean[width];
        int valuedCount = 0;
        boolean seats = false;
        boolean tickets = false;
        boolean rated = false;
        boolean surveys = false;
        long interactions = 0;
        for (int a = 0; a < portfolio.size(); a++) {
            Portfolio.AccountData d = portfolio.data(a);
            if (!seats) {
                seats = d.account.licensedSeats() != null;
                for (int i = 0; !seats && i < d.changed.length; i++) {
                    seats = d.changed[i].licensedSeats() != null;
                }
            }
            tickets |= d.ticketOpened.length > 0;
            for (int i = 0; !rated && i < d.ticketCsat.length; i++) {
                rated = d.ticketCsat[i] > 0;
            }
            surveys |= d.surveyDays.length > 0;
            for (int i = 0; i < d.interactionDays.length; i++) {
                interactions |= 1L << (d.interactionRole[i] * KINDS + d.interactionKind[i]);
            }
            for (int m = 0; m < width && valuedCount < width; m++) {
                for (int i = 0; !valued[m] && i < d.usageDays.length; i++) {
                    if (!Double.isNaN(d.usage(m, i))) {
                        valued[m] = true;
                        valuedCount++;
                    }
                }
            }
        }
        return new DataSources(valued, seats, tickets, rated, surveys, interactions);
    }

    /** Whether some usage row gives the metric a value (a metric no import named has none). */
    boolean hasMetric(Portfolio portfolio, String metric) {
        int m = portfolio.metricIndex(metric);
        return m >= 0 && metricHasValue[m];
    }

    boolean hasSeats() {
        return seats;
    }

    boolean hasTickets() {
        return tickets;
    }

    boolean hasRatedTickets() {
        return ratedTickets;
    }

    boolean hasSurveys() {
        return surveys;
    }

    boolean hasInteractions() {
        return interactions != 0;
    }

    /** Whether some interaction has the role and the kind (by ordinal; -1 for any). */
    boolean hasInteraction(int role, int kind) {
        for (int r = 0; r < StakeholderRole.values().length; r++) {
            for (int k = 0; k < KINDS; k++) {
                if ((role < 0 || r == role) && (kind < 0 || k == kind) && (interactions & (1L << (r * KINDS + k))) != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
