package com.clubos.messages.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the {@code {"success":false,"error":"…"}} envelope with a 4xx naming
 * what is wrong. Anything unexpected becomes a 500 with a generic message; its details go to the
 * log, never to the client.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = envelope(e.status(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ApiExceptionMappers::describe)
                .collect(Collectors.joining("; "));
        return envelope(400, message).build();
    }

    // Jackson's own mappers are registered for these exact types; ours must name them to win.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return envelope(400, "Field '" + field + "' has the wrong type").build();
        }
        return envelope(400, "Request body is not valid JSON").build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return envelope(401, "Authentication required: send a valid Bearer token")
                .build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String message = SessionEnded.is(e) ? SessionEnded.MESSAGE : "Invalid or expired token";
        return envelope(401, message).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return envelope(403, "Your role may not use this endpoint").build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return envelope(404, "Not found").build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return envelope(405, "Method not allowed").build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return envelope(415, "Content-Type must be application/json").build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return envelope(status, "Internal error").build();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return envelope(status, reason == null || reason.isBlank() ? "Request refused" : reason)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            // Callers (OpenPhone above all) retry a 503; nothing was committed.
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return envelope(503, "Database unavailable; retry shortly")
                    .header("Retry-After", 5)
                    .build();
        }
        if (sqlState(e, "22021") || sqlState(e, "22P05")) {
            // PostgreSQL cannot store NUL (U+0000) in text: a client error wherever it slipped through.
            return envelope(400, "Text must not contain NUL (\\u0000) characters")
                    .build();
        }
        if (sqlState(e, "23505")) {
            // Two requests raced to create the same unique thing (a snippet name); the loser is told.
            return envelope(409, "Conflicts with an existing record; reload and try again")
                    .build();
        }
        LOG.error("Unexpected error", e);
        return envelope(500, "Internal error").build();
    }

    /** Whether PostgreSQL answered this SQLState anywhere in the chain (23505: unique_violation). */
    static boolean sqlState(Throwable e, String state) {
        return causes(e).stream()
                .anyMatch(cause -> cause instanceof java.sql.SQLException sql && state.equals(sql.getSQLState()));
    }

    /** Connection failures (SQLState class 08), server shutdown (57P) or no connection to be had. */
    static boolean databaseUnavailable(Throwable e) {
        return causes(e).stream().anyMatch(ApiExceptionMappers::meansDatabaseUnavailable);
    }

    private static boolean meansDatabaseUnavailable(Throwable cause) {
        if (cause instanceof java.sql.SQLTransientConnectionException
                || cause instanceof org.hibernate.exception.JDBCConnectionException) {
            return true;
        }
        if (!(cause instanceof java.sql.SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        // Every pooled connection busy past the acquisition timeout (a burst): the pool (Agroal) says
        // so only in words, with no SQLState. Like an outage, the caller should retry.
        return state != null && (state.startsWith("08") || state.startsWith("57P"))
                || sql.getMessage() != null
                        && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    /**
     * The exception, its causes and what they suppressed: a commit the database cut off reaches us as
     * the transaction manager's RollbackException, with the driver's error suppressed in it (its XA
     * failure's cause), not as its cause.
     */
    static List<Throwable> causes(Throwable e) {
        List<Throwable> found = new ArrayList<>();
        collect(e, found);
        return found;
    }

    private static void collect(Throwable e, List<Throwable> found) {
        for (Throwable cause = e;
                cause != null && !found.contains(cause) && found.size() < 64;
                cause = cause.getCause()) {
            found.add(cause);
            for (Throwable suppressed : cause.getSuppressed()) {
                collect(suppressed, found);
            }
        }
    }

    static Response.ResponseBuilder envelope(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiResponse.error(message));
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method-parameter paths read "list.limit": keep only the parameter or field name.
        String field = path.substring(path.lastIndexOf('.') + 1);
        return field + ": " + violation.getMessage();
    }
}
