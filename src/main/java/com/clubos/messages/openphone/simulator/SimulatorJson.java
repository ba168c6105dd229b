package com.clubos.messages.openphone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The simulator's answers in OpenPhone's v1 shapes, built as JSON trees (no reflection, so the
 * simulator works in a native image too).
 */
final class SimulatorJson {

    static final String USER_ID = "USsim";
    static final String DOCS = "https://www.openphone.com/docs";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimulatorJson() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** OpenPhone writes instants with milliseconds, e.g. {@code 2025-06-01T12:00:00.000Z}. */
    static String instant(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A message as {@code /v1/messages} shows it. */
    static ObjectNode message(SimulatedMessage m) {
        ObjectNode node = object();
        node.put("id", m.id());
        node.set("to", NODES.arrayNode().add(m.to()));
        node.put("from", m.from());
        node.put("text", m.text());
        node.putNull("phoneNumberId");
        node.put("direction", m.direction());
        node.put("userId", USER_ID);
        node.put("status", m.status());
        node.put("createdAt", instant(m.createdAt()));
        node.put("updatedAt", instant(m.updatedAt()));
        return node;
    }

    static Response data(int status, JsonNode data) {
        ObjectNode body = object();
        body.set("data", data);
        return json(status, body);
    }

    static Response page(ArrayNode data, int totalItems, String nextPageToken) {
        ObjectNode body = object();
        body.set("data", data);
        body.put("totalItems", totalItems);
        body.put("nextPageToken", nextPageToken);
        return json(200, body);
    }

    /** OpenPhone's error body: {@code {"message","code","status","docs","title","errors":[…]}}. */
    static Response error(int status, String code, String title, String message, List<FieldProblem> problems) {
        ObjectNode body = object();
        body.put("message", message);
        body.put("code", code);
        body.put("status", status);
        body.put("docs", DOCS);
        body.put("title", title);
        ArrayNode errors = body.putArray("errors");
        for (FieldProblem problem : problems) {
            ObjectNode error = errors.addObject();
            error.put("path", problem.path());
            error.put("message", problem.message());
            error.set("value", problem.value() == null ? NODES.nullNode() : NODES.textNode(problem.value()));
        }
        return json(status, body);
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.toString())
                .build();
    }

    /** One rejected field, as OpenPhone lists it under {@code errors}. */
    record FieldProblem(String path, String message, String value) {}
}
