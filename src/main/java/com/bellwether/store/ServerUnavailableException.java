package com.bellwether.store;

/**
 * A database server could not be used as given: not reached, the login refused, or no such database. The message is
 * the one line a user needs (host, database, what to do); it is the user's to fix, not the program's.
 */
public final class ServerUnavailableException extends StoreException {

    public ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
