package com.bellwether.domain;

import java.time.LocalDateTime;

/** A support ticket; {@code closed} and {@code csat} are null while unknown. */
public record Ticket(
        String ticketId,
        String accountId,
        LocalDateTime opened,
        LocalDateTime closed,
        TicketPriority priority,
        boolean escalated,
        Integer csat) {
}
