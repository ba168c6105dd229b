package com.clubos.messages.openphone.simulator;

import com.clubos.messages.openphone.simulator.SimulatorJson.FieldProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /v1/messages} body the way OpenPhone does, so that a client sending the
 * wrong shape ({@code text} instead of {@code content}, {@code to} as a string) fails in the
 * simulator as it would in production.
 */
final class SimulatedSendValidation {

    static final int MAX_CONTENT_LENGTH = 1600;
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern NUMBER_ID = Pattern.compile("PN\\w+");

    private SimulatedSendValidation() {}

    static List<FieldProblem> problems(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add(new FieldProblem("", "Expected an object", null));
            return problems;
        }
        JsonNode content = body.path("content");
        if (!content.isTextual()) {
            problems.add(new FieldProblem("/content", "Expected required property", null));
        } else if (content.asText().isEmpty() || content.asText().length() > MAX_CONTENT_LENGTH) {
            // The rejected value is left out: it is a customer's message.
            problems.add(
                    new FieldProblem("/content", "Expected string length between 1 and " + MAX_CONTENT_LENGTH, null));
        } else if (content.asText().isBlank()) {
            problems.add(new FieldProblem("/content", "Expected at least one non-whitespace character", null));
        }

        JsonNode from = body.path("from");
        if (!from.isTextual() || from.asText().isBlank()) {
            problems.add(new FieldProblem("/from", "Expected required property", null));
        } else if (!E164.matcher(from.asText()).matches()
                && !NUMBER_ID.matcher(from.asText()).matches()) {
            problems.add(
                    new FieldProblem("/from", "Expected a phone number id (PN…) or an E.164 number", from.asText()));
        }

        JsonNode to = body.path("to");
        if (!to.isArray()) {
            problems.add(new FieldProblem("/to", "Expected array", to.isValueNode() ? to.asText() : null));
        } else if (to.size() != 1) {
            problems.add(new FieldProblem("/to", "Expected array with exactly 1 item", null));
        } else if (!to.get(0).isTextual() || !E164.matcher(to.get(0).asText()).matches()) {
            problems.add(new FieldProblem(
                    "/to/0", "Expected an E.164 phone number", to.get(0).asText()));
        }

        JsonNode userId = body.path("userId");
        if (!userId.isMissingNode()
                && !userId.isNull()
                && !(userId.isTextual() && userId.asText().startsWith("US"))) {
            problems.add(new FieldProblem("/userId", "Expected a user id (US…)", userId.asText()));
        }
        JsonNode inbox = body.path("setInboxStatus");
        if (!inbox.isMissingNode() && !inbox.isNull() && !"done".equals(inbox.asText())) {
            problems.add(new FieldProblem("/setInboxStatus", "Expected \"done\"", inbox.asText()));
        }
        return problems;
    }
}
