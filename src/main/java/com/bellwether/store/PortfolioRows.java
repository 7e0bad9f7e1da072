package com.bellwether.store;

import java.util.List;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;

/**
 * Receives a portfolio's rows as {@link PortfolioReader} reads them, one at a time, so a reader of a large portfolio
 * can lay them out as it likes without the whole database ever held as records. Every account comes first; then
 * each entity's rows (the accounts' dated changes first, the metric names before usage), those of one account
 * together and in date order. A row is the receiver's to keep or to drop: the reader makes each anew.
 */
public interface PortfolioRows {

    void usageMetrics(List<String> names);

    void account(Account account);

    void accountChange(AccountChange change);

    void usage(UsageDay day);

    void ticket(Ticket ticket);

    void interaction(Interaction interaction);

    void survey(Survey survey);

    void outcome(Outcome outcome);

    void note(Note note);
}
