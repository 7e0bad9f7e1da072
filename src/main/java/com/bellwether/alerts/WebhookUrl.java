package com.bellwether.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where webhook messages go: an http or https URL. Such URLs often carry a secret (user:password@, a token in the
 * query, a Slack hook's path), so {@link #toString()} is the {@link #redacted()} form and only {@link #uri()} holds
 * the real one.
 */
public final class WebhookUrl {

    private static final String HIDDEN = "***";

    private final URI uri;

    private WebhookUrl(URI uri) {
        this.uri = uri;
    }

    /** Parses a URL; anything but an absolute http or https URL with a host is refused with a redacted message. */
    public static WebhookUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected an http or https URL, not an empty value");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
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
        return new WebhookUrl(uri);
    }

    public URI uri() {
        return uri;
    }

    /**
     * The URL safe to print: no user information, every query value and the secret part of a Slack hook
     * (hooks.slack.com/services/...) as ***.
     */
    public String redacted() {
        return redact(uri);
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
        return other instanceof WebhookUrl that && uri.equals(that.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
