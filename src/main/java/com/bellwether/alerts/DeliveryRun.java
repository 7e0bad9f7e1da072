package com.bellwether.alerts;

/**
 * What one pass over the due webhook messages did, how many messages still wait for a 2xx, and how many were given
 * up after the last allowed attempt.
 */
public record DeliveryRun(int attempted, int delivered, int failed, int pending, int givenUp) {

    public DeliveryRun(int attempted, int delivered, int failed, int pending) {
        this(attempted, delivered, failed, pending, 0);
    }

    /** Nothing attempted. */
    public static DeliveryRun none(int pending, int givenUp) {
        return new DeliveryRun(0, 0, 0, pending, givenUp);
    }
}
