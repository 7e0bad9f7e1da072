package com.bellwether.domain;

import java.time.LocalDateTime;

/**
 * A support ticket; {@code closed} and {@code csat} are null while unknown. {@code subject} and {@code description}
 * are its optional text, {@code tone} their sentiment from -1 to 1 (null without text): the scoring engine reads the
 * tone and never the text, which it fetches for one account's explanation only.
 */
public record Ticket(
        String ticketId,
        String accountId,
        LocalDateTime opened,
        LocalDateTime closed,
        TicketPriority priority,
        boolean escalated,
        Integer csat,
        String subject,
        String description,
        Double tone) {

    /** A ticket without text. */
    public Ticket(String ticketId, String accountId, LocalDateTime opened, LocalDateTime closed, TicketPriority priority,
                  boolean escalated, Integer csat) {
        this(ticketId, accountId, opened, closed, priority, escalated, csat, null, null, null);
    }
}
