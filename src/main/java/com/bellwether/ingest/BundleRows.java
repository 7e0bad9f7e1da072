package com.bellwether.ingest;

import java.time.LocalDate;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Task;
import com.bellwether.domain.Ticket;

/** Where the checked records of an import go, one at a time, as the files are read. */
interface BundleRows {

    /** Takes nothing: the first reading only checks and counts. */
    BundleRows NONE = new BundleRows() {
    };

    default void account(Account account) {
    }

    default void accountChange(AccountChange change) {
    }

    /** A day's usage: {@code values[m]} is the m-th metric named in the import, NaN when not given. */
    default void usage(String accountId, LocalDate date, double[] values) {
    }

    default void ticket(Ticket ticket) {
    }

    default void interaction(Interaction interaction) {
    }

    default void survey(Survey survey) {
    }

    default void outcome(Outcome outcome) {
    }

    default void note(Note note) {
    }

    default void task(Task task) {
    }
}
