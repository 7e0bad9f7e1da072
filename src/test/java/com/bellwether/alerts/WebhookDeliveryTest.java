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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.bellwether.domain.Bundle;
import com.bellwether.scoring.HealthModel;
import com.bellwether.store.Database;
import com.bellwether.store.OnBothDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Delivery through the outbox to a real local HTTP server that fails, then hangs, then accepts; on H2 and PostgreSQL. */
class WebhookDeliveryTest {

    private static final HealthModel MODEL = model("""
            [{"id": "drop", "kind": "score_drop", "points": 20, "days": 30, "severity": "high"}]""");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

    enum Mode { FAIL, HANG, ACCEPT }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.FAIL);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final CountDownLatch hangUntil = new CountDownLatch(1);
    private final AlertFixtures.TestClock clock = new AlertFixtures.TestClock("2025-03-10T06:00:00Z");
    private ExecutorService serverThreads;
    private HttpServer server;
    private WebhookUrl url;
    private Database database;
    private WebhookSender sender;

    @BeforeEach
    void start(Database fresh) throws Exception {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/hook", this::receive);
        server.start();
        url = WebhookUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret");
        sender = new WebhookSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), CLIENT_TIMEOUT);

        Bundle bundle = AlertFixtures.bundle();
        for (String id : new String[] {"A", "B", "C"}) {
            account(bundle, id);
            dropOn(bundle, id, day("2025-03-01"), 5);
        }
        database = AlertFixtures.stored(bundle, fresh);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(body);
        int status = 200;
        switch (mode.get()) {
            case FAIL -> status = 500;
            case HANG -> {
                try {
                    hangUntil.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case ACCEPT -> acknowledged.add(body);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        hangUntil.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private List<Alert> raiseThreeAlerts() {
        AlertRun.Result result = AlertRun.run(database, MODEL, AlertFixtures.portfolio(database), day("2025-03-10"), url, clock);
        assertThat(result.created()).hasSize(3);
        assertThat(result.queued()).isEqualTo(3);
        return result.created();
    }

    @OnBothDatabases
    void everyAlertArrivesAfterAFailureAndATimeoutAndTheOutboxEmpties() throws Exception {
        List<Alert> alerts = raiseThreeAlerts();
        Outbox outbox = new Outbox(database);

        DeliveryRun failed = outbox.deliverDue(sender, clock);
        assertThat(failed).isEqualTo(new DeliveryRun(3, 0, 3, 3));
        assertThat(outbox.deliverDue(sender, clock).attempted()).as("not due again yet").isZero();
        clock.advance(Duration.ofSeconds(29));
        assertThat(outbox.deliverDue(sender, clock).attempted()).as("the first retry waits 30 s").isZero();

        mode.set(Mode.HANG);
        clock.advance(Duration.ofSeconds(1));
        DeliveryRun timedOut = outbox.deliverDue(sender, clock);
        assertThat(timedOut).isEqualTo(new DeliveryRun(3, 0, 3, 3));
        clock.advance(Duration.ofSeconds(59));
        assertThat(outbox.deliverDue(sender, clock).attempted()).as("the second retry waits 60 s").isZero();

        mode.set(Mode.ACCEPT);
        clock.advance(Duration.ofSeconds(1));
        DeliveryRun delivered = outbox.deliverDue(sender, clock);
        assertThat(delivered).isEqualTo(new DeliveryRun(3, 3, 0, 0));
        assertThat(outbox.pending()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.deliverDue(sender, clock).attempted()).as("nothing left to send").isZero();

        Set<String> expected = alerts.stream().map(WebhookMessage::eventId).collect(Collectors.toSet());
        Map<String, Long> deduplicated = received.stream().map(WebhookDeliveryTest::id)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(deduplicated.keySet()).isEqualTo(expected);
        assertThat(acknowledged.stream().map(WebhookDeliveryTest::id).toList()).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode message = new ObjectMapper().readTree(acknowledged.get(0));
        assertThat(message.get("text").asText()).startsWith("[HIGH] Account ").contains("Score fell 63 points in 30 days")
                .contains("→ Call the customer about low use (owner: Dana Lee)");
        assertThat(message.get("event").asText()).isEqualTo("alert.raised");
        assertThat(message.get("score").asDouble()).isEqualTo(35.0);

        List<DeliveryAttempt> log = outbox.deliveryLog(100);
        assertThat(log).hasSize(9);
        for (Alert alert : alerts) {
            List<DeliveryAttempt> attempts = log.stream().filter(a -> a.alertId() == alert.id())
                    .sorted(java.util.Comparator.comparingInt(DeliveryAttempt::attempt)).toList();
            assertThat(attempts).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(attempts.get(0).httpStatus()).as(attempts.toString()).isEqualTo(500);
            assertThat(attempts.get(1).httpStatus()).isNull();
            assertThat(attempts.get(1).error()).isEqualTo("no answer within 2000 ms");
            assertThat(attempts.get(2).httpStatus()).isEqualTo(200);
            assertThat(attempts).extracting(DeliveryAttempt::delivered).containsExactly(false, false, true);
        }
    }

    @OnBothDatabases
    void aStopDuringDeliveryLeavesTheMessageToBeSentAgain() throws Exception {
        raiseThreeAlerts();
        mode.set(Mode.ACCEPT);
        WebhookSender stopsMidway = new WebhookSender(new StoppingClient(), CLIENT_TIMEOUT);

        assertThatThrownBy(() -> new Outbox(database).deliverDue(stopsMidway, clock)).hasMessage("the power went out");
        Outbox restarted = new Outbox(database);
        assertThat(acknowledged).as("the first went through before the stop").hasSize(1);
        assertThat(restarted.pending()).as("the one cut off and the one never tried").isEqualTo(2);
        assertThat(restarted.deliverDue(sender, clock).attempted()).as("the one cut off waits for its retry").isEqualTo(1);
        clock.advance(Outbox.FIRST_RETRY);
        assertThat(restarted.deliverDue(sender, clock).delivered()).isEqualTo(1);
        assertThat(restarted.pending()).isZero();
        assertThat(acknowledged).hasSize(3);
    }

    @OnBothDatabases
    void alertsRaisedAgainAreNotSentAgain() {
        raiseThreeAlerts();
        mode.set(Mode.ACCEPT);
        Outbox outbox = new Outbox(database);
        outbox.deliverDue(sender, clock);

        AlertRun.Result again = AlertRun.run(database, MODEL, AlertFixtures.portfolio(database), day("2025-03-10"), url, clock);
        assertThat(again.queued()).isZero();
        assertThat(outbox.enqueue(new AlertStore(database, clock).all(), url, clock)).as("already delivered").isZero();
        assertThat(outbox.deliverDue(sender, clock).attempted()).isZero();
        assertThat(acknowledged).hasSize(3);
    }

    @OnBothDatabases
    void theWebhookUrlIsSavedAndATestMessageSent() {
        Outbox outbox = new Outbox(database);
        assertThat(outbox.configuredUrl()).isEmpty();
        outbox.configureUrl(url);
        assertThat(outbox.configuredUrl()).contains(url);
        mode.set(Mode.ACCEPT);

        WebhookResponse response = sender.sendTest(url, clock);

        assertThat(response.delivered()).isTrue();
        assertThat(response.describe()).isEqualTo("HTTP 200");
        assertThat(acknowledged).singleElement().asString().contains("\"text\":\"Bellwether webhook test");
        outbox.configureUrl(null);
        assertThat(outbox.configuredUrl()).isEmpty();
    }

    private static String id(String body) {
        try {
            return new ObjectMapper().readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    /** A client that sends the first request, then dies (as the program would on a power cut) during the second. */
    private final class StoppingClient extends HttpClient {

        private final HttpClient real = HttpClient.newHttpClient();
        private int calls;

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            if (++calls == 2) {
                throw new IllegalStateException("the power went out");
            }
            return real.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<java.net.CookieHandler> cookieHandler() {
            return real.cookieHandler();
        }

        @Override
        public java.util.Optional<Duration> connectTimeout() {
            return real.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return real.followRedirects();
        }

        @Override
        public java.util.Optional<java.net.ProxySelector> proxy() {
            return real.proxy();
        }

        @Override
        public javax.net.ssl.SSLContext sslContext() {
            return real.sslContext();
        }

        @Override
        public javax.net.ssl.SSLParameters sslParameters() {
            return real.sslParameters();
        }

        @Override
        public java.util.Optional<java.net.Authenticator> authenticator() {
            return real.authenticator();
        }

        @Override
        public Version version() {
            return real.version();
        }

        @Override
        public java.util.Optional<java.util.concurrent.Executor> executor() {
            return real.executor();
        }
    }
}
