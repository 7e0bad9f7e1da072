package com.bellwether.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.bellwether.domain.Account;
import com.bellwether.domain.AccountChange;
import com.bellwether.domain.Bundle;
import com.bellwether.domain.Interaction;
import com.bellwether.domain.Note;
import com.bellwether.domain.Outcome;
import com.bellwether.domain.Survey;
import com.bellwether.domain.Ticket;
import com.bellwether.domain.UsageDay;

/** The whole portfolio a database reads back, as text, to compare two databases or one before and after. */
public final class PortfolioText {

    private PortfolioText() {
    }

    public static String of(Database database) {
        Bundle bundle = PortfolioReader.read(database);
        // Accounts in id order, each account's rows in the order read (by date).
        return Stream.of(
                        bundle.accounts().stream().sorted(Comparator.comparing(Account::accountId)).map(Object::toString),
                        bundle.accountChanges().stream().sorted(Comparator.comparing(AccountChange::accountId))
                                .map(Object::toString),
                        Stream.of("metrics " + bundle.usageMetrics()),
                        bundle.usage().stream().sorted(Comparator.comparing(UsageDay::accountId))
                                .map(d -> d.accountId() + " " + d.date() + " " + Arrays.toString(d.values())),
                        bundle.tickets().stream().sorted(Comparator.comparing(Ticket::accountId)).map(Object::toString),
                        bundle.interactions().stream().sorted(Comparator.comparing(Interaction::accountId)).map(Object::toString),
                        bundle.surveys().stream().sorted(Comparator.comparing(Survey::accountId)).map(Object::toString),
                        bundle.outcomes().stream().sorted(Comparator.comparing(Outcome::accountId)).map(Object::toString),
                        bundle.notes().stream().sorted(Comparator.comparing(Note::accountId)).map(Object::toString))
                .flatMap(s -> s)
                .collect(Collectors.joining("\n"));
    }
}
