package com.bellwether.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Where one source's data comes from, as saved (JSON): a folder that other tools drop exports into, or a query over
 * JDBC with an incremental cursor. Credentials are never part of it: it names the environment variables, or the
 * password file, that hold them. See docs/data-format.md, section 9.
 *
 * @param kind             "folder" or "query"
 * @param folder           a folder source's folder
 * @param pattern          which of the folder's files to read (a glob such as {@code usage-*.csv}); {@code *.csv} when
 *                         not given. With a mapping, the files the profile names are read instead.
 * @param entity           what every file (or every row of the query) holds, when the file names do not say
 * @param mapping          a mapping profile (the same JSON as {@code import --mapping}) for a folder of another shape
 * @param url              a query source's JDBC URL (no password in it)
 * @param query            the query; its columns are the entity's canonical columns (rename with AS)
 * @param cursor           the query's column that grows with every new or changed row (e.g. {@code updated_at})
 * @param user             the user name to connect as, when not from a variable
 * @param userVariable     the environment variable that holds the user name
 * @param passwordVariable the environment variable that holds the password
 * @param passwordFile     a password file in PostgreSQL's {@code .pgpass} form to take the password from
 */
@JsonIgnoreProperties(value = {"$comment"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceDefinition(String kind, String folder, String pattern, String entity, JsonNode mapping, String url,
                               String query, String cursor, String user, String userVariable, String passwordVariable,
                               String passwordFile) {

    public static final String FOLDER = "folder";
    public static final String QUERY = "query";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A folder source. */
    public static SourceDefinition folder(String folder, String pattern, String entity, JsonNode mapping) {
        return new SourceDefinition(FOLDER, folder, pattern, entity, mapping, null, null, null, null, null, null, null);
    }

    /** A query source. */
    public static SourceDefinition query(String url, String query, String cursor, String entity, String user,
                                         String userVariable, String passwordVariable, String passwordFile) {
        return new SourceDefinition(QUERY, null, null, entity, null, url, query, cursor, user, userVariable,
                passwordVariable, passwordFile);
    }

    /** The file pattern in force. */
    public String patternOrDefault() {
        return pattern == null || pattern.isBlank() ? "*.csv" : pattern;
    }

    /** The entity named, or null. */
    public BundleEntity entityOrNull() {
        return entity == null ? null : BundleEntity.forKey(entity).orElse(null);
    }

    /** The mapping profile, or null; its mistakes are reported as the source's. */
    public MappingProfile mappingProfile(String sourceName) {
        if (mapping == null || mapping.isNull()) {
            return null;
        }
        return MappingProfile.parse(mapping.toString(), "source " + sourceName + ", mapping");
    }

    /** The definition as saved. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A saved definition read back, or one a user wrote; its mistakes name the field. */
    public static SourceDefinition fromJson(String json, String sourceName) {
        try {
            return JSON.readValue(json, SourceDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSourceException("Source " + sourceName + ": unknown field \"" + e.getPropertyName()
                    + "\"; expected kind, folder, pattern, entity, mapping, url, query, cursor, user, userVariable,"
                    + " passwordVariable or passwordFile");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new InvalidSourceException(JsonMistakes.mapping("Source " + sourceName, e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidSourceException(JsonMistakes.syntax("Source " + sourceName, e));
        }
    }

    /** Checks a source and its name; every mistake found is in the one message. */
    public void check(String name) {
        List<String> mistakes = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            mistakes.add("the name \"" + name + "\" must be 1 to 100 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        if (entity != null && BundleEntity.forKey(entity).isEmpty()) {
            mistakes.add("entity \"" + entity + "\" is none of " + BundleEntity.allKeys());
        }
        if (FOLDER.equals(kind)) {
            if (folder == null || folder.isBlank()) {
                mistakes.add("a folder source needs its folder");
            }
            if (url != null || query != null || cursor != null) {
                mistakes.add("a folder source takes no url, query or cursor");
            }
            if (mapping != null && entity != null) {
                mistakes.add("with a mapping, the profile says which entity each file holds: leave out entity");
            }
            if (mapping != null && !mapping.isNull()) {
                try {
                    mappingProfile(name);
                } catch (MappingProfile.InvalidMappingException e) {
                    mistakes.add(e.getMessage());
                }
            }
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + patternOrDefault());
            } catch (IllegalArgumentException e) {
                mistakes.add("pattern \"" + pattern + "\" is not a file pattern such as usage-*.csv");
            }
        } else if (QUERY.equals(kind)) {
            if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
                mistakes.add("a query source needs a JDBC URL (jdbc:postgresql://host/database)");
            } else if (url.toLowerCase(Locale.ROOT).contains("password=") || url.matches("(?s)jdbc:[^/]*//[^/]*@.*")) {
                mistakes.add("the URL must not hold a password: name the variable that holds it (--password-variable)"
                        + " or a password file");
            }
            if (query == null || query.isBlank()) {
                mistakes.add("a query source needs its query");
            }
            if (cursor == null || cursor.isBlank()) {
                mistakes.add("a query source needs its cursor: a column of the query that grows with every new or"
                        + " changed row, such as updated_at");
            }
            if (entity == null) {
                mistakes.add("a query source needs the entity its rows hold (" + BundleEntity.allKeys() + ")");
            }
            for (String variable : new String[] {userVariable, passwordVariable}) {
                if (variable != null && !VARIABLE.matcher(variable).matches()) {
                    mistakes.add("\"" + variable + "\" is not an environment variable's name");
                }
            }
            if (folder != null || pattern != null || mapping != null) {
                mistakes.add("a query source takes no folder, pattern or mapping");
            }
        } else {
            mistakes.add("kind \"" + kind + "\" must be folder or query");
        }
        if (!mistakes.isEmpty()) {
            throw new InvalidSourceException("Source " + name + ": " + String.join("; ", mistakes));
        }
    }

    /** A definition that cannot be used; the message names the source and what is wrong. */
    public static final class InvalidSourceException extends RuntimeException {
        public InvalidSourceException(String message) {
            super(message);
        }
    }

    /** Where a query source's credentials are taken from, in words (never the values). */
    public String credentialsInWords() {
        List<String> parts = new ArrayList<>();
        if (userVariable != null) {
            parts.add("user from $" + userVariable);
        } else if (user != null) {
            parts.add("user " + user);
        }
        if (passwordVariable != null) {
            parts.add("password from $" + passwordVariable);
        } else if (passwordFile != null) {
            parts.add("password from " + passwordFile);
        }
        return parts.isEmpty() ? "the driver's defaults" : String.join(", ", parts);
    }
}
