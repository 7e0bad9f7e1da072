package com.bellwether.store;

/** The database could not be opened, read or written; the message says what and where. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
