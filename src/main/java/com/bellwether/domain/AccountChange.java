package com.bellwether.domain;

import java.time.LocalDate;

/**
 * A dated change of an account's attributes, as a CRM records it: from {@code effective} on, each value it gives
 * replaces the one in force until then. A null value leaves that attribute as it was.
 */
public record AccountChange(
        String accountId,
        LocalDate effective,
        String lifecycleStage,
        Integer licensedSeats,
        Double arr,
        String csm,
        LocalDate renewalDate) {

    /** The account as it stands once this change is in force. */
    public Account applyTo(Account account) {
        return new Account(account.accountId(), account.name(), account.segment(), account.industry(),
                account.region(), csm != null ? csm : account.csm(),
                lifecycleStage != null ? lifecycleStage : account.lifecycleStage(),
                arr != null ? arr : account.arr(), licensedSeats != null ? licensedSeats : account.licensedSeats(),
                account.contractStart(), renewalDate != null ? renewalDate : account.renewalDate());
    }
}
