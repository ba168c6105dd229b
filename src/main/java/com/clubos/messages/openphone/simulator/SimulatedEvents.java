package com.clubos.messages.openphone.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * OpenPhone's webhook envelope:
 * {@code {"id":"EV…","object":"event","apiVersion":"v3","createdAt","type","data":{"object":{…message…}}}}.
 * OpenPhone is not consistent between payloads, and neither is the simulator on purpose: deliveries
 * carry {@code to} as an array and the words in {@code text}; received texts carry {@code to} as a
 * string and the words in {@code body}. A receiver must cope with both.
 */
final class SimulatedEvents {

    static final String PHONE_NUMBER_ID = "PNsim";
    static final String CONVERSATION_ID = "CNsim";

    private SimulatedEvents() {}

    static ObjectNode delivered(SimulatedMessage m) {
        ObjectNode message = common(m);
        message.putArray("to").add(m.to());
        message.put("text", m.text());
        return event("message.delivered", message);
    }

    static ObjectNode received(SimulatedMessage m) {
        ObjectNode message = common(m);
        message.put("to", m.to());
        message.put("body", m.text());
        message.putArray("media");
        return event("message.received", message);
    }

    private static ObjectNode common(SimulatedMessage m) {
        ObjectNode message = SimulatorJson.object();
        message.put("id", m.id());
        message.put("object", "message");
        message.put("from", m.from());
        message.put("direction", m.direction());
        message.put("status", m.status());
        message.put("createdAt", SimulatorJson.instant(m.createdAt()));
        message.put("userId", SimulatorJson.USER_ID);
        message.put("phoneNumberId", PHONE_NUMBER_ID);
        message.put("conversationId", CONVERSATION_ID);
        return message;
    }

    private static ObjectNode event(String type, ObjectNode message) {
        ObjectNode event = SimulatorJson.object();
        event.put("id", SimulatedMessages.newId("EV"));
        event.put("object", "event");
        event.put("apiVersion", "v3");
        event.put("createdAt", SimulatorJson.instant(Instant.now()));
        event.put("type", type);
        event.putObject("data").set("object", message);
        return event;
    }
}
