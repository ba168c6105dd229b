package com.clubos.messages.openphone;

import java.time.Duration;
import java.util.Optional;

/**
 * OpenPhone answered with an error status. {@link #getMessage()} is meant for staff ("Not enough
 * credits"), never contains the API key or message content.
 * <p>
 * Only HTTP answers become this exception: timeouts and connection failures reach the caller as
 * the REST client's {@link jakarta.ws.rs.ProcessingException} and should be treated as retryable.
 */
public class OpenPhoneException extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final transient Optional<Duration> retryAfter;
    private final transient OpenPhoneError error;

    public OpenPhoneException(
            int httpStatus, String code, String message, Optional<Duration> retryAfter, OpenPhoneError error) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** OpenPhone's error code, e.g. {@code 0200402}; null when the body had none. */
    public String code() {
        return code;
    }

    /** How long OpenPhone asked us to wait ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** The parsed error body, when there was one. */
    public Optional<OpenPhoneError> error() {
        return Optional.ofNullable(error);
    }

    /** 429 and 5xx: the same request may succeed later. Other 4xx are permanent for that message. */
    public boolean retryable() {
        return rateLimited() || httpStatus >= 500;
    }

    public boolean rateLimited() {
        return httpStatus == 429;
    }

    @Override
    public String toString() {
        return "OpenPhoneException{status=" + httpStatus + ", code=" + code + ", message=" + getMessage() + "}";
    }
}
