package com.bellwether.alerts;

import static com.bellwether.alerts.AlertFixtures.account;
import static com.bellwether.alerts.AlertFixtures.day;
import static com.bellwether.alerts.AlertFixtures.dropOn;
import static com.bellwether.alerts.AlertFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.bellwether.domain.Bundle;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Authentication to a webhook that requires it (Basic from the URL, a header from an environment variable), no
 * secret kept in the database, and an end to retries; against a real local HTTP server, on H2 and PostgreSQL.
 */
class WebhookAuthTest {

    private static final HealthModel MODEL = model("""
            [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"}]""");

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AlertFixtures.TestClock clock = new AlertFixtures.TestClock("2025-03-10T06:00:00Z");
    private HttpServer server;
    private String base;
    private Database database;
    private WebhookSender sender;

    @BeforeEach
    void start(Database fresh) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::receive);
        server.start();
        base = "127.0.0.1:" + server.getAddress().getPort() + "/hook";
        sender = new WebhookSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofSeconds(2))
                .withEnvironment(Map.of("HOOK_PASSWORD", "pa55", "HOOK_TOKEN", "Bearer t0ken"));
        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B"}) {
            account(bundle, id);
            dropOn(bundle, id, day("2025-03-01"), 5);
        }
        database = AlertFixtures.stored(bundle, fresh);
    }

    /** Accepts only Basic ops:pa55 or Bearer t0ken; anything else is 401. */
    private void receive(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:pa55".getBytes(StandardCharsets.UTF_8));
        boolean ok = basic.equals(authorization) || "Bearer t0ken".equals(authorization);
        exchange.sendResponseHeaders(ok ? 200 : 401, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private AlertRun.Result raise(WebhookUrl url) {
        return AlertRun.run(database, MODEL, AlertFixtures.portfolio(database), day("2025-03-10"), url, clock);
    }

    @OnBothDatabases
    void aPasswordInTheUrlSendsBasicAuthAndIsNeverStored() throws Exception {
        WebhookUrl url = WebhookUrl.parse("http://ops:pa55@" + base);
        assertThat(raise(url).queued()).isEqualTo(2);

        assertThat(column("SELECT url FROM webhook_outbox")).hasSize(2).allSatisfy(stored ->
                assertThat(stored).isEqualTo("http://ops@" + base).doesNotContain("pa55"));
        DeliveryRun run = new Outbox(database).deliverDue(sender.knowing(url), clock);

        assertThat(run.delivered()).isEqualTo(2);
        assertThat(authorizations).hasSize(2).allSatisfy(a -> assertThat(a).startsWith("Basic "));
        assertThat(column("SELECT error FROM webhook_delivery WHERE error IS NOT NULL")).isEmpty();
        assertThatThrownBy(() -> new Outbox(database).configureUrl(url)).hasMessageContaining("not saved");
        assertThat(column("SELECT setting_value FROM app_setting")).noneMatch(v -> v.contains("pa55"));
    }

    @OnBothDatabases
    void passwordAndHeaderFromTheEnvironmentAreStoredAsReferencesOnly() throws Exception {
        WebhookUrl basic = WebhookUrl.parse("http://ops:env:HOOK_PASSWORD@" + base);
        new Outbox(database).configureUrl(basic);
        assertThat(column("SELECT setting_value FROM app_setting")).containsExactly("http://ops:env:HOOK_PASSWORD@" + base);
        assertThat(new Outbox(database).configuredUrl()).contains(basic);

        WebhookUrl bearer = WebhookUrl.parse("http://" + base + " Authorization=env:HOOK_TOKEN");
        assertThat(bearer.redacted()).isEqualTo("http://" + base + " Authorization=env:HOOK_TOKEN");
        raise(bearer);
        assertThat(column("SELECT url FROM webhook_outbox")).containsOnly("http://" + base + " Authorization=env:HOOK_TOKEN");

        assertThat(new Outbox(database).deliverDue(sender, clock).delivered()).isEqualTo(2);
        assertThat(authorizations).containsOnly("Bearer t0ken");
        assertThat(sender.sendTest(basic).delivered()).isTrue();
    }

    @OnBothDatabases
    void aMissingVariableIsNamedAndRetriesStopAfterTheLastAttempt() throws Exception {
        WebhookUrl url = WebhookUrl.parse("http://" + base).withHeaders(List.of("Authorization=env:NOT_SET_ANYWHERE"));
        raise(url);
        Outbox outbox = new Outbox(database, Duration.ofSeconds(1), Duration.ofSeconds(4), 3);

        for (int attempt = 1; attempt <= 3; attempt++) {
            DeliveryRun run = outbox.deliverDue(sender, clock);
            assertThat(run.attempted()).as("attempt " + attempt).isEqualTo(2);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.givenUp()).isEqualTo(2);
        assertThat(outbox.deliverDue(sender, clock)).isEqualTo(new DeliveryRun(0, 0, 0, 0, 2));
        assertThat(authorizations).as("nothing was sent without its header").isEmpty();
        assertThat(column("SELECT last_error FROM webhook_outbox"))
                .allSatisfy(e -> assertThat(e).contains("NOT_SET_ANYWHERE").contains("is not set"));
    }

    @OnBothDatabases
    void aWrittenOutHeaderValueIsRefused() {
        assertThatThrownBy(() -> WebhookUrl.parse("http://" + base + " Authorization=Bearer"))
                .hasMessageStartingWith("expected a header as NAME=env:VARIABLE");
        assertThatThrownBy(() -> WebhookUrl.parse("http://ops:env:1BAD@" + base))
                .hasMessageContaining("expected env:VARIABLE for the password");
    }
}
