package com.clubos.messages.openphone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every 4xx/5xx from OpenPhone into an {@link OpenPhoneException}. A body that is not
 * OpenPhone's JSON error (a proxy's HTML page, an empty 503) still gives a usable message.
 */
public class OpenPhoneErrorMapper implements ResponseExceptionMapper<OpenPhoneException> {

    // Tree parsing only: no reflection, and no dependence on the CDI mapper's settings.
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public OpenPhoneException toThrowable(Response response) {
        return toException(
                response.getStatus(), response.getHeaderString("Retry-After"), readBody(response), Clock.systemUTC());
    }

    static OpenPhoneException toException(int status, String retryAfterHeader, String body, Clock clock) {
        Optional<OpenPhoneError> error = parse(body);
        String message = error.flatMap(OpenPhoneError::readableMessage).orElse("OpenPhone answered " + status);
        return new OpenPhoneException(
                status,
                error.map(OpenPhoneError::code).orElse(null),
                message,
                RetryAfter.parse(retryAfterHeader, clock),
                error.orElse(null));
    }

    private static Optional<OpenPhoneError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            return OpenPhoneError.from(tree);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static String readBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
