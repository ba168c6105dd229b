package com.clubos.messages.api;

import jakarta.ws.rs.core.Response;

/** A failure whose message is safe and useful to show to the client, with its HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final Long retryAfterSeconds;

    public ApiException(Response.Status status, String message) {
        this(status.getStatusCode(), message, null);
    }

    public ApiException(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, message);
    }

    /** Well-formed, but not possible for this target (a snippet with a placeholder it has no value for). */
    public static ApiException unprocessable(String message) {
        return new ApiException(422, message, null);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
