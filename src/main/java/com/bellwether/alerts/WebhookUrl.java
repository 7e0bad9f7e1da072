package com.bellwether.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where webhook messages go: an http or https URL, and how to authenticate there. Such URLs often carry a secret
 * (user:password@, a token in the query, a Slack hook's path), so {@link #toString()} is the {@link #redacted()} form
 * and only {@link #uri()} holds the real one.
 *
 * <p>Secrets are kept out of the database by naming environment variables instead of writing values:
 * <ul>
 * <li>{@code https://user:password@host/...} sends {@code Authorization: Basic} from the URL's credentials; a password
 * written out is used by the program it was given to and never stored ({@link #stored()} drops it);
 * {@code https://user:env:HOOK_PASSWORD@host/...} reads the password from the variable at each delivery and can be
 * stored;</li>
 * <li>{@code Authorization=env:HOOK_TOKEN} after the URL (or {@code --webhook-header}) sends that header with the
 * variable's value;</li>
 * <li>{@code env:HOOK_URL} in place of the URL reads the whole URL (a Slack hook, a token in the query) from the
 * variable.</li>
 * </ul>
 */
public final class WebhookUrl {

    private static final String HIDDEN = "***";
    private static final String ENV = "env:";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    /** The URL as given, or null when {@link #urlVariable} holds it. */
    private final URI uri;
    private final String urlVariable;
    /** A password written in the URL: kept in memory only. */
    private final String password;
    private final String passwordVariable;
    private final Map<String, String> headerVariables;

    private WebhookUrl(URI uri, String urlVariable, String password, String passwordVariable,
                       Map<String, String> headerVariables) {
        this.uri = uri;
        this.urlVariable = urlVariable;
        this.password = password;
        this.passwordVariable = passwordVariable;
        this.headerVariables = Map.copyOf(headerVariables);
    }

    /**
     * Parses a URL (or {@code env:VARIABLE}) followed, after spaces, by any {@code Header=env:VARIABLE}; anything but
     * an absolute http or https URL with a host is refused with a redacted message.
     */
    public static WebhookUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected an http or https URL, not an empty value");
        }
        String[] words = text.strip().split("\\s+");
        List<String> headers = new ArrayList<>(List.of(words).subList(1, words.length));
        return parseUrl(words[0]).withHeaders(headers);
    }

    private static WebhookUrl parseUrl(String text) {
        if (text.startsWith(ENV)) {
            return new WebhookUrl(null, variable(text.substring(ENV.length()), "the URL"), null, null, Map.of());
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an http or https URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("expected an http or https URL, not "
                    + (scheme.isEmpty() ? "a URL without a scheme" : "a " + scheme + ": URL"));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("expected an http or https URL with a host name, not " + redact(uri));
        }
        String password = null;
        String passwordVariable = null;
        String userInfo = uri.getUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        if (colon >= 0) {
            String secret = userInfo.substring(colon + 1);
            if (secret.startsWith(ENV)) {
                passwordVariable = variable(secret.substring(ENV.length()), "the password");
            } else {
                password = secret;
            }
        }
        return new WebhookUrl(uri, null, password, passwordVariable, Map.of());
    }

    /**
     * The same target sending, besides, each header given as {@code Name=env:VARIABLE}; a value written out is refused,
     * since it would be stored in plain text.
     */
    public WebhookUrl withHeaders(List<String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headerVariables);
        for (String header : headers) {
            int equals = header.indexOf('=');
            String name = equals < 0 ? "" : header.substring(0, equals).strip();
            String value = equals < 0 ? "" : header.substring(equals + 1).strip();
            if (!HEADER_NAME.matcher(name).matches() || !value.startsWith(ENV)) {
                throw new IllegalArgumentException("expected a header as NAME=env:VARIABLE (e.g. Authorization=env:HOOK_TOKEN),"
                        + " not " + (equals < 0 ? "\"" + header + "\"" : "\"" + name + "=…\"")
                        + "; a header's value is read from an environment variable so that it is never stored");
            }
            all.put(name, variable(value.substring(ENV.length()), "the " + name + " header"));
        }
        return new WebhookUrl(uri, urlVariable, password, passwordVariable, all);
    }

    private static String variable(String name, String what) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("expected env:VARIABLE for " + what + ", with an environment variable's name"
                    + " (letters, digits and _), not \"env:" + name + "\"");
        }
        return name;
    }

    /** The URL as given, credentials included; null when it is read from an environment variable. */
    public URI uri() {
        return uri;
    }

    /** Whether a password is written out in the URL: such a URL is used, never saved. */
    public boolean hasWrittenPassword() {
        return password != null;
    }

    /**
     * The form kept in the database: the URL without a written-out password (a user name, {@code env:} references
     * and header references stay), so that nothing secret is stored.
     */
    public String stored() {
        StringBuilder text = new StringBuilder();
        if (uri == null) {
            text.append(ENV).append(urlVariable);
        } else if (password != null) {
            String user = uri.getRawUserInfo().substring(0, uri.getRawUserInfo().indexOf(':'));
            text.append(uri.toString().replaceFirst(Pattern.quote(uri.getRawUserInfo() + "@"), user + "@"));
        } else {
            text.append(uri);
        }
        headerVariables.forEach((name, variable) -> text.append(' ').append(name).append('=').append(ENV).append(variable));
        return text.toString();
    }

    /**
     * Where to post and the headers to send, read from the environment now: Basic auth from the URL's user and
     * password, and each header from its variable. A variable that is not set is refused naming it (never a value).
     */
    public Target resolve(Map<String, String> environment) {
        URI address = uri;
        if (address == null) {
            String value = environment.get(urlVariable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the environment variable " + urlVariable + " (the webhook URL) is not set");
            }
            WebhookUrl read = parseUrl(value.strip());
            if (read.passwordVariable != null) {
                throw new IllegalArgumentException("the webhook URL in " + urlVariable + " names another variable");
            }
            return new WebhookUrl(read.uri, null, read.password, null, headerVariables).resolve(environment);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String userInfo = address.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String secret = password;
            if (passwordVariable != null) {
                secret = environment.get(passwordVariable);
                if (secret == null) {
                    throw new IllegalArgumentException("the environment variable " + passwordVariable
                            + " (the webhook's password) is not set");
                }
            }
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + (secret == null ? "" : secret)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        headerVariables.forEach((name, variable) -> {
            String value = environment.get(variable);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + variable + " (the webhook's " + name
                        + " header) is not set");
            }
            headers.put(name, value);
        });
        // The address without user information: the credentials travel in the header only.
        URI bare = userInfo == null ? address
                : URI.create(address.toString().replaceFirst(Pattern.quote(address.getRawUserInfo() + "@"), ""));
        return new Target(bare, headers, redact(address));
    }

    /** A resolved target: the address without user information, the headers to send, and what may be printed. */
    public record Target(URI address, Map<String, String> headers, String redacted) {

        @Override
        public String toString() {
            return redacted;
        }
    }

    /**
     * The URL safe to print: no user information, every query value and the secret part of a Slack hook
     * (hooks.slack.com/services/...) as ***, the names of the variables read rather than their values.
     */
    public String redacted() {
        StringBuilder text = new StringBuilder(uri == null ? ENV + urlVariable : redact(uri));
        headerVariables.forEach((name, variable) -> text.append(' ').append(name).append('=').append(ENV).append(variable));
        return text.toString();
    }

    private static String redact(URI uri) {
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            text.append(HIDDEN).append('@');
        }
        text.append(uri.getHost() == null ? "" : uri.getHost());
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getHost() != null && uri.getHost().toLowerCase(Locale.ROOT).startsWith("hooks.slack.com")
                && path.startsWith("/services/")) {
            path = "/services/" + HIDDEN;
        }
        text.append(path);
        if (uri.getRawQuery() != null) {
            text.append('?');
            String[] parameters = uri.getRawQuery().split("&");
            for (int i = 0; i < parameters.length; i++) {
                int equals = parameters[i].indexOf('=');
                text.append(i == 0 ? "" : "&").append(equals < 0 ? HIDDEN : parameters[i].substring(0, equals + 1) + HIDDEN);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl that && stored().equals(that.stored())
                && java.util.Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return stored().hashCode();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
