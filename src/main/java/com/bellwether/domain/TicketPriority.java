package com.bellwether.domain;

public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
