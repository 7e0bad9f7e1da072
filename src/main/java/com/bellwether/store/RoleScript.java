package com.bellwether.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The script that makes Bellwether's roles on a PostgreSQL server and grants each what it may do
 * ({@code team-server/roles.sql}, the same file an admin can run with {@code psql -f}).
 */
public final class RoleScript {

    private static final String RESOURCE = "/team-server/roles.sql";

    private RoleScript() {
    }

    /** The script's text. */
    public static String text() {
        try (InputStream in = RoleScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the program");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script on a PostgreSQL database in one transaction: all of it, or nothing. */
    public static void apply(Database database) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("Roles are a PostgreSQL server's: " + database.location().displayName()
                    + " is an H2 database, which one person uses as they are");
        }
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(text());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (NotPermittedException.isRefusal(e)) {
                throw new NotPermittedException("Your database user '" + database.currentUser() + "' may not create"
                        + " Bellwether's roles in " + database.location().displayName() + ": that takes a superuser, or"
                        + " the owner of the tables with the CREATEROLE right; nothing was changed", e);
            }
            throw new StoreException("Cannot apply the roles script to " + database.location().displayName()
                    + ", nothing was changed: " + Database.rootMessage(e), e);
        }
    }
}
