package com.bellwether.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A password file in PostgreSQL's {@code .pgpass} form: lines of {@code host:port:database:user:password}, where
 * {@code *} matches anything and {@code \:} and {@code \\} are a colon and a backslash; the first matching line wins.
 * The password is only handed to the driver.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    /** The password for the URL's server and database and the user, or null when no line matches. */
    static String find(Path file, String jdbcUrl, String user) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("The password file " + file + " does not exist");
        }
        String host = "localhost";
        String port = "5432";
        String database = "";
        String rest = jdbcUrl.substring("jdbc:".length());
        try {
            URI uri = URI.create(rest);
            if (uri.getHost() != null) {
                host = uri.getHost();
            }
            if (uri.getPort() > 0) {
                port = Integer.toString(uri.getPort());
            }
            if (uri.getPath() != null && uri.getPath().length() > 1) {
                database = uri.getPath().substring(1);
            }
        } catch (IllegalArgumentException e) {
            // matched on the user alone
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() != 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), port) && matches(fields.get(2), database)
                    && matches(fields.get(3), user)) {
                return fields.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
