package com.bellwether.app;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One piece of a workspace's state that screens and commands observe. Listeners are told on the thread that changed
 * it (a background thread in the workbench), so a screen hands the news to its own thread; the application layer
 * knows no toolkit.
 */
public final class WorkspaceValue<T> {

    /** Told of each change, with the value before and after. */
    @FunctionalInterface
    public interface Listener<T> {
        void changed(T old, T now);
    }

    private final List<Listener<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T value;

    public T get() {
        return value;
    }

    public void addListener(Listener<T> listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener<T> listener) {
        listeners.remove(listener);
    }

    void set(T now) {
        T old;
        synchronized (this) {
            old = value;
            value = now;
        }
        if (!Objects.equals(old, now)) {
            listeners.forEach(listener -> listener.changed(old, now));
        }
    }
}
