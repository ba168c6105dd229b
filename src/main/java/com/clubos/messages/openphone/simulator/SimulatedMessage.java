package com.clubos.messages.openphone.simulator;

import java.time.Instant;

/** A text the simulator has sent or received, in OpenPhone's terms. */
record SimulatedMessage(
        String id,
        String from,
        String to,
        String text,
        String direction,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    SimulatedMessage withStatus(String newStatus, Instant at) {
        return new SimulatedMessage(id, from, to, text, direction, newStatus, createdAt, at);
    }

    /** The other party, seen from our line. */
    String customer() {
        return "incoming".equals(direction) ? from : to;
    }
}
