package com.clubos.messages.message;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The outbox switched on against WireMock playing OpenPhone, with short waits so tests stay quick. */
public class OutboxTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "openphone.outbox.enabled", "true",
                "openphone.outbox.initial-backoff", "PT0.2S",
                "openphone.outbox.max-backoff", "PT1S",
                "openphone.outbox.poll-interval", "PT0.2S",
                "openphone.outbox.stuck-after", "PT2S",
                "openphone.outbox.send-limit-per-minute", "1000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenPhoneWireMock.class));
    }
}
