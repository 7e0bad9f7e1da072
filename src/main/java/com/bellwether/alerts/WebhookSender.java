package com.bellwether.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts JSON to a webhook with {@link HttpClient}, each request bounded by a timeout. It never throws for a failed
 * delivery: the answer is a {@link WebhookResponse}, and errors name the URL only in its redacted form.
 */
public final class WebhookSender {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;
    private final Map<String, String> environment;
    /** Targets given with a written-out password, by their stored form (which lacks it): this program may use them. */
    private final Map<String, WebhookUrl> given;

    public WebhookSender(HttpClient client, Duration timeout) {
        this(client, timeout, System.getenv(), Map.of());
    }

    private WebhookSender(HttpClient client, Duration timeout, Map<String, String> environment, Map<String, WebhookUrl> given) {
        this.client = client;
        this.timeout = timeout;
        this.environment = environment;
        this.given = given;
    }

    /** The same sender reading {@code env:} references from this environment instead of the process's. */
    public WebhookSender withEnvironment(Map<String, String> variables) {
        return new WebhookSender(client, timeout, Map.copyOf(variables), given);
    }

    /**
     * The same sender, which uses the password written in {@code url} for messages queued for it: the outbox
     * keeps the target without it, so only the program that was given the password can send with it.
     */
    public WebhookSender knowing(WebhookUrl url) {
        if (url == null || !url.hasWrittenPassword()) {
            return this;
        }
        Map<String, WebhookUrl> known = new java.util.HashMap<>(given);
        known.put(url.stored(), url);
        return new WebhookSender(client, timeout, environment, Map.copyOf(known));
    }

    /** A sender with a 5-second connect and 10-second request timeout. */
    public static WebhookSender withDefaults() {
        return new WebhookSender(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build(), REQUEST_TIMEOUT);
    }

    /** POSTs the JSON; {@code eventId} goes in an Idempotency-Key header as well as in the payload. */
    public WebhookResponse post(WebhookUrl url, String eventId, String json) {
        WebhookUrl.Target target;
        try {
            target = given.getOrDefault(url.stored(), url).resolve(environment);
        } catch (IllegalArgumentException e) {
            return new WebhookResponse(null, e.getMessage());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.address())
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Bellwether")
                .header("Idempotency-Key", eventId);
        target.headers().forEach(builder::header);
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return new WebhookResponse(response.statusCode(), null);
        } catch (HttpTimeoutException e) {
            return new WebhookResponse(null, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new WebhookResponse(null, safe(url, target, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookResponse(null, "interrupted");
        }
    }

    /** Sends a test message (with a Slack-compatible text) and says how it went. */
    public WebhookResponse sendTest(WebhookUrl url) {
        return sendTest(url, Clock.systemUTC());
    }

    public WebhookResponse sendTest(WebhookUrl url, Clock clock) {
        String eventId = "bw-test-" + clock.millis();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("event", "test");
        payload.put("sent_at", clock.instant().toString());
        payload.put("text", "Bellwether webhook test: health alerts will arrive here.");
        try {
            return post(url, eventId, JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exception's message with the URL, should it appear, redacted. */
    private static String safe(WebhookUrl url, WebhookUrl.Target target, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        for (java.net.URI uri : new java.net.URI[] {url.uri(), target.address()}) {
            if (uri == null) {
                continue;
            }
            message = message.replace(uri.toString(), target.redacted());
            if (uri.getRawUserInfo() != null) {
                message = message.replace(uri.getRawUserInfo(), "***");
            }
            if (uri.getRawQuery() != null) {
                message = message.replace(uri.getRawQuery(), "***");
            }
        }
        for (String value : target.headers().values()) {
            message = message.replace(value, "***");
        }
        return message;
    }
}
