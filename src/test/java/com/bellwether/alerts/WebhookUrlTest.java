package com.bellwether.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void credentialsAndQueryValuesNeverShowInTheRedactedForm() {
        WebhookUrl url = WebhookUrl.parse("https://ops:s3cret@hooks.example.com:8443/in/alerts?token=abc123&channel=cs&raw");

        assertThat(url.redacted()).isEqualTo("https://***@hooks.example.com:8443/in/alerts?token=***&channel=***&***");
        assertThat(url.toString()).isEqualTo(url.redacted());
        assertThat(url.uri().toString()).contains("s3cret").contains("abc123");
    }

    @Test
    void theSecretPathOfASlackHookIsRedactedToo() {
        assertThat(WebhookUrl.parse("https://hooks.slack.com/services/T000/B000/XXXXSECRET").redacted())
                .isEqualTo("https://hooks.slack.com/services/***");
        assertThat(WebhookUrl.parse("http://localhost:8080/hook").redacted()).isEqualTo("http://localhost:8080/hook");
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAreAccepted() {
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://user:pw@files.example.com/x"))
                .hasMessage("expected an http or https URL, not a ftp: URL");
        assertThatThrownBy(() -> WebhookUrl.parse("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> WebhookUrl.parse("hooks.example.com/in")).hasMessageContaining("without a scheme");
        assertThatThrownBy(() -> WebhookUrl.parse("https:///in?token=s3cret"))
                .hasMessageContaining("with a host name").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> WebhookUrl.parse(" ")).hasMessageContaining("empty");
        assertThat(WebhookUrl.parse("HTTPS://Example.com/in").uri().getHost()).isEqualTo("Example.com");
    }

    @Test
    void aFailedDeliveryDoesNotPutTheSecretInTheError() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WebhookUrl url = WebhookUrl.parse("http://ops:s3cret@127.0.0.1:" + port + "/in?token=abc123");
        WebhookSender sender = new WebhookSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                Duration.ofSeconds(2));

        WebhookResponse response = sender.post(url, "bw-x:raised", "{}");

        assertThat(response.delivered()).isFalse();
        assertThat(response.status()).isNull();
        assertThat(response.error()).isNotBlank().doesNotContain("s3cret").doesNotContain("abc123");
    }
}
