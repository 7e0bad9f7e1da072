package com.bellwether.alerts;

/** What one POST to a webhook came to: the HTTP status, or the error when there was no answer (status null). */
public record WebhookResponse(Integer status, String error) {

    /** Delivered: the receiver answered 2xx. */
    public boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }

    /** "HTTP 200", "HTTP 500" or the error, for logs and the delivery screen. */
    public String describe() {
        return status != null ? "HTTP " + status : error;
    }
}
