package com.bellwether.store;

import java.sql.SQLException;

/**
 * The database server refused the user something their role does not allow (SQLSTATE 42501, insufficient
 * privilege). The message says what was refused and which role allows it; it is the user's (or their admin's) to
 * fix, not the program's.
 */
public final class NotPermittedException extends StoreException {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    public NotPermittedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the failure is, somewhere in its causes, the server refusing a privilege. */
    public static boolean isRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (INSUFFICIENT_PRIVILEGE.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
