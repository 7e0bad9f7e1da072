package com.bellwether.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why a database server could not be opened, as one line a user can act on: where (host, port, database) and what
 * to do. Never the password, and no SQL or stack trace.
 */
final class ServerProblem {

    private ServerProblem() {
    }

    /** The failure as one line: a {@link ServerUnavailableException} when the server or the login was at fault. */
    static StoreException of(DatabaseLocation location, ServerLogin login, Throwable failure) {
        String message = describe(location, login, failure);
        return message.startsWith("Cannot open the database at ") ? new StoreException(message, failure)
                : new ServerUnavailableException(message, failure);
    }

    static String describe(DatabaseLocation location, ServerLogin login, Throwable failure) {
        ServerAddress address = ServerAddress.of(location.jdbcUrl());
        String state = sqlState(failure);
        if (state.startsWith("28") || state.equals("08004")) {
            return "The PostgreSQL server at " + address.hosts() + " refused " + who(location, login) + " on database "
                    + address.database() + ": wrong user name or password. Set " + ServerLogin.USER_VARIABLE + " and "
                    + ServerLogin.PASSWORD_VARIABLE + ", or give the password in your PostgreSQL password file"
                    + " (~/.pgpass, or the file PGPASSFILE names)";
        }
        if (state.equals("3D000")) {
            return "There is no database " + address.database() + " on the PostgreSQL server at " + address.hosts()
                    + ": create it (createdb " + address.database() + ") or name another one in --db";
        }
        if (state.equals("42501")) {
            return "Your database user '" + userName(location, login) + "' may not bring the database " + address.database()
                    + " on " + address.hosts() + " up to this release's schema: that takes the database's owner; ask"
                    + " your Bellwether admin to open it once with this release (bellwether db info --db ...) as the owner";
        }
        if (unreachable(failure) || state.equals("08001") || state.equals("08006")) {
            return "Cannot reach the PostgreSQL server at " + address.hosts() + " (database " + address.database()
                    + "): check that the server is running and accepts connections there, and the host and port in --db";
        }
        return "Cannot open the database at " + location.displayName() + ": " + Database.rootMessage(failure);
    }

    /**
     * A server lost in the middle of a piece of work (the connection broke, or the server ended the session: a
     * shutdown, an administrator's {@code pg_terminate_backend}) as one line; empty for any other failure. Whatever
     * the transaction had written is gone with it.
     *
     * @param during what was under way, to follow "while" ("importing")
     * @param outcome what became of it ("nothing was imported")
     */
    static java.util.Optional<ServerUnavailableException> lost(DatabaseLocation location, String during, String outcome,
                                                              Throwable failure) {
        String state = sqlState(failure);
        if (location.dialect() != Dialect.POSTGRESQL || !(state.startsWith("08") || state.startsWith("57P")
                || unreachable(failure))) {
            return java.util.Optional.empty();
        }
        ServerAddress address = ServerAddress.of(location.jdbcUrl());
        return java.util.Optional.of(new ServerUnavailableException("The PostgreSQL server at " + address.hosts()
                + " (database " + address.database() + ") went away while " + during + "; " + outcome + ". Check"
                + " that the server is running and accepts connections there, then try again", failure));
    }

    /** The user the server was asked for: the URL's own when it names one, else the environment's or this system's. */
    private static String who(DatabaseLocation location, ServerLogin login) {
        return location.jdbcUrl().matches("(?i).*[?&]user=.*") ? "the user in --db" : "user " + login.userName();
    }

    /** The user's name (never the password): the URL's own when it names one, else the environment's or this system's. */
    private static String userName(DatabaseLocation location, ServerLogin login) {
        java.util.regex.Matcher user = java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(location.jdbcUrl());
        return user.find() ? java.net.URLDecoder.decode(user.group(1), java.nio.charset.StandardCharsets.UTF_8)
                : login.userName();
    }

    /** The first SQLSTATE in the chain of causes; empty when none says one. */
    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
