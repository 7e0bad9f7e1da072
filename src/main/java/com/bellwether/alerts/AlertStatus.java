package com.bellwether.alerts;

/** Where an alert stands: new, acknowledged by its owner, done, or dismissed with a reason. */
public enum AlertStatus {
    NEW, ACKNOWLEDGED, DONE, DISMISSED;

    public boolean isOpen() {
        return this == NEW || this == ACKNOWLEDGED;
    }
}
