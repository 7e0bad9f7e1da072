package com.bellwether.alerts;

import com.bellwether.domain.TaskStatus;

/**
 * Where an alert stands: new, acknowledged by its owner, done, or dismissed with a reason. Its task's lifecycle reads
 * the same states as open, in progress, done and dismissed.
 */
public enum AlertStatus {
    NEW, ACKNOWLEDGED, DONE, DISMISSED;

    public boolean isOpen() {
        return this == NEW || this == ACKNOWLEDGED;
    }

    /** The task lifecycle's name for this status. */
    public TaskStatus lifecycle() {
        return switch (this) {
            case NEW -> TaskStatus.OPEN;
            case ACKNOWLEDGED -> TaskStatus.IN_PROGRESS;
            case DONE -> TaskStatus.DONE;
            case DISMISSED -> TaskStatus.DISMISSED;
        };
    }

    /** How people read it: Open, In progress, Done, Dismissed. */
    public String label() {
        return lifecycle().label();
    }

    public static AlertStatus of(TaskStatus status) {
        return switch (status) {
            case OPEN -> NEW;
            case IN_PROGRESS -> ACKNOWLEDGED;
            case DONE -> DONE;
            case DISMISSED -> DISMISSED;
        };
    }
}
