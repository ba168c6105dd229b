package com.clubos.messages.media;

import com.clubos.messages.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * Fetches an attachment from where OpenPhone stored it, so the page shows it from our own origin:
 * the Content-Security-Policy stays {@code 'self'}, the browser never talks to a third-party host, and
 * only staff who may see the conversation get it. Only URLs from verified webhooks are ever fetched.
 */
@ApplicationScoped
public class MediaProxy {

    /** An attachment as the page gets it. */
    public record Fetched(String contentType, long length, InputStream body) {}

    private final MediaConfig config;
    private final HttpClient client;

    public MediaProxy(MediaConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.fetchTimeout())
                .build();
    }

    public Fetched fetch(String url, String declaredType) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "This attachment has no usable address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(config.allowHttp() && scheme.equals("http"))) {
            throw new ApiException(Response.Status.NOT_FOUND, "This attachment has no usable address");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(config.fetchTimeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(
                    Response.Status.BAD_GATEWAY.getStatusCode(),
                    "Could not fetch the attachment from OpenPhone's storage; try again",
                    5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "Shutting down");
        }
        if (response.statusCode() != 200) {
            close(response.body());
            throw new ApiException(
                    Response.Status.BAD_GATEWAY.getStatusCode(),
                    response.statusCode() == 404
                            ? "OpenPhone no longer has this attachment"
                            : "OpenPhone's storage answered " + response.statusCode(),
                    null);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > config.maxBytes()) {
            close(response.body());
            throw new ApiException(413, "The attachment is larger than " + config.maxBytes() + " bytes", null);
        }
        String type = response.headers().firstValue("Content-Type").orElse(declaredType);
        return new Fetched(type == null || type.isBlank() ? "application/octet-stream" : type, length, response.body());
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }
}
