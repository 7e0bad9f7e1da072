package com.bellwether.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Data of every entity of the canonical bundle, as read from one import, ready to be stored. Usage days hold
 * their values in the order of {@code usageMetrics}; {@code accountChanges} are the dated rows of the accounts'
 * history.
 */
public record Bundle(
        List<Account> accounts,
        List<AccountChange> accountChanges,
        List<String> usageMetrics,
        List<UsageDay> usage,
        List<Ticket> tickets,
        List<Interaction> interactions,
        List<Survey> surveys,
        List<Outcome> outcomes,
        List<Note> notes) {

    public static Bundle empty() {
        return new Bundle(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public long size() {
        return (long) accounts.size() + accountChanges.size() + usage.size() + tickets.size() + interactions.size()
                + surveys.size() + outcomes.size() + notes.size();
    }
}
