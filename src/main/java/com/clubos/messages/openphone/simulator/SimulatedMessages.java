package com.clubos.messages.openphone.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The simulator's memory of texts: the newest {@value #CAPACITY}, oldest forgotten first. */
@ApplicationScoped
public class SimulatedMessages {

    static final int CAPACITY = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SimulatedMessage> byId = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimulatedMessage> eldest) {
            return size() > CAPACITY;
        }
    };

    /** An id in OpenPhone's style: a two-letter prefix and random hex. */
    static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    synchronized SimulatedMessage add(String from, String to, String text, String direction, String status) {
        Instant now = Instant.now();
        SimulatedMessage message = new SimulatedMessage(newId("AC"), from, to, text, direction, status, now, now);
        byId.put(message.id(), message);
        return message;
    }

    synchronized Optional<SimulatedMessage> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized Optional<SimulatedMessage> updateStatus(String id, String status) {
        SimulatedMessage updated = byId.computeIfPresent(id, (key, m) -> m.withStatus(status, Instant.now()));
        return Optional.ofNullable(updated);
    }

    /** Texts with any of these customers, newest first, created after {@code after} when given. */
    synchronized List<SimulatedMessage> with(Set<String> participants, Instant after) {
        List<SimulatedMessage> found = new ArrayList<>();
        for (SimulatedMessage message : byId.values()) {
            if (participants.contains(message.customer())
                    && (after == null || message.createdAt().isAfter(after))) {
                found.add(0, message);
            }
        }
        return found;
    }
}
