package com.bellwether.store;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Who connects to a database server: the user and password from {@code BELLWETHER_DB_USER} and
 * {@code BELLWETHER_DB_PASSWORD}. Without a password the PostgreSQL driver looks in the password file itself
 * ({@code PGPASSFILE}, else {@code ~/.pgpass}). The password is held only to be handed to the driver: it is never
 * printed, logged or written anywhere, and {@link #toString()} leaves it out.
 */
record ServerLogin(Optional<String> user, Optional<String> password) {

    static final String USER_VARIABLE = "BELLWETHER_DB_USER";
    static final String PASSWORD_VARIABLE = "BELLWETHER_DB_PASSWORD";

    static ServerLogin fromEnvironment() {
        return from(System.getenv());
    }

    static ServerLogin from(Map<String, String> environment) {
        return new ServerLogin(nonBlank(environment.get(USER_VARIABLE)), nonBlank(environment.get(PASSWORD_VARIABLE)));
    }

    /**
     * The user named to the server: the one set, else this system's user name (as psql does). A user or password
     * written in the URL's settings wins over both, as the driver reads them.
     */
    String userName() {
        return user.orElseGet(() -> System.getProperty("user.name"));
    }

    /** The driver's connection properties. */
    Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", userName());
        password.ifPresent(p -> properties.setProperty("password", p));
        return properties;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return "ServerLogin[user=" + userName() + (password.isPresent() ? ", password set" : "") + "]";
    }
}
