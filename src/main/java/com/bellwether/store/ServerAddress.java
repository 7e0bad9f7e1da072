package com.bellwether.store;

/**
 * The host, port and database a PostgreSQL URL names ({@code jdbc:postgresql://HOST:PORT/DB?SETTINGS}), read only to
 * say where in a message: settings (which may hold a user or password) are left out.
 */
record ServerAddress(String hosts, String database) {

    private static final String PREFIX = "jdbc:postgresql:";

    static ServerAddress of(String jdbcUrl) {
        String rest = jdbcUrl.substring(Math.min(PREFIX.length(), jdbcUrl.length()));
        int settings = rest.indexOf('?');
        if (settings >= 0) {
            rest = rest.substring(0, settings);
        }
        if (!rest.startsWith("//")) {
            // jdbc:postgresql:DB, the server on this machine
            return new ServerAddress("localhost:5432", rest);
        }
        rest = rest.substring(2);
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        // user:password@host is not pgjdbc's syntax, but never repeat what such a URL carries before the host.
        int userInfo = hosts.lastIndexOf('@');
        if (userInfo >= 0) {
            hosts = hosts.substring(userInfo + 1);
        }
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (!hosts.contains(",") && !hosts.endsWith("]") && hosts.indexOf(':', hosts.lastIndexOf(']') + 1) < 0) {
            hosts = hosts + ":5432";
        }
        return new ServerAddress(hosts, database);
    }

    @Override
    public String toString() {
        return hosts + "/" + database;
    }
}
