package com.bellwether.alerts;

/** What one pass over the due webhook messages did, and how many messages still wait for a 2xx. */
public record DeliveryRun(int attempted, int delivered, int failed, int pending) {
}
