package com.bellwether.store;

import com.bellwether.domain.InteractionKind;
import com.bellwether.domain.OutcomeEvent;
import com.bellwether.domain.StakeholderRole;
import com.bellwether.domain.TicketPriority;

/**
 * The SMALLINT codes the fixed choices are stored as, named in the lookup tables ticket_priority, stakeholder_role,
 * interaction_kind and outcome_event. A code is the choice's place in its list counted from 1; a choice is only
 * ever added at the end of a list, so stored codes keep their meaning.
 */
final class StoredCodes {

    private StoredCodes() {
    }

    static short of(Enum<?> choice) {
        return (short) (choice.ordinal() + 1);
    }

    static TicketPriority priority(int code) {
        return TicketPriority.values()[code - 1];
    }

    static StakeholderRole role(int code) {
        return StakeholderRole.values()[code - 1];
    }

    static InteractionKind kind(int code) {
        return InteractionKind.values()[code - 1];
    }

    static OutcomeEvent event(int code) {
        return OutcomeEvent.values()[code - 1];
    }
}
