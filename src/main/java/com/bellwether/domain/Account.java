package com.bellwether.domain;

import java.time.LocalDate;

/**
 * A customer account: who it is, what it pays and when its contract runs. Optional fields are null. The lifecycle
 * stage, seats, ARR, CSM and renewal date are those in force from the contract start; {@link AccountChange}s move
 * them later.
 */
public record Account(
        String accountId,
        String name,
        String segment,
        String industry,
        String region,
        String csm,
        String lifecycleStage,
        Double arr,
        Integer licensedSeats,
        LocalDate contractStart,
        LocalDate renewalDate) {
}
