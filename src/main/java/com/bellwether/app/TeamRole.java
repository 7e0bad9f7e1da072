package com.bellwether.app;

import com.bellwether.store.Database;
import com.bellwether.store.NotPermittedException;
import com.bellwether.store.RoleScript;

/**
 * The roles of a team on a shared PostgreSQL server, each holding the one before it: an analyst reads and
 * backtests, a CSM also adjusts accounts and changes alerts' statuses, CS ops also import, save model versions and
 * run the alerts, a leader also activates a version. The server enforces them through the grants of
 * {@code team-server/roles.sql}; an embedded H2 database is one person's and knows no roles.
 */
public enum TeamRole {

    ANALYST("bellwether_analyst"),
    CSM("bellwether_csm"),
    CSOPS("bellwether_csops"),
    LEADER("bellwether_leader");

    private final String roleName;

    TeamRole(String roleName) {
        this.roleName = roleName;
    }

    /** The server's name of the role, as GRANT takes it. */
    public String roleName() {
        return roleName;
    }

    /** The script that creates the roles and their grants, as {@code psql -f} runs it. */
    public static String script() {
        return RoleScript.text();
    }

    /** Runs the script on the PostgreSQL database at the location (as a superuser, or the owner with CREATEROLE). */
    public static void applyScript(WorkspaceLocation location) {
        try (Database database = Database.open(location.database())) {
            RoleScript.apply(database);
        }
    }

    /**
     * Does work that takes this role; when the server refuses it for want of a privilege, the failure becomes one
     * line saying what was refused, to whom, and which role allows it.
     *
     * @param action what the user tried, to follow "may not" ("activate a model version")
     */
    <T, E extends Exception> T guard(Database database, String action, Work<T, E> work) throws E {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (NotPermittedException.isRefusal(e)) {
                throw new NotPermittedException("Your database user '" + database.currentUser() + "' may not " + action
                        + ": that takes the " + roleName + " role; ask your Bellwether admin.", e);
            }
            throw e;
        }
    }

    void guard(Database database, String action, Runnable work) {
        guard(database, action, () -> {
            work.run();
            return null;
        });
    }

    /** Work that gives a result and may fail with a checked exception of its own (an import's I/O). */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T get() throws E;
    }
}
