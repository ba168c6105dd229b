package com.clubos.messages.openphone.simulator;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The simulator switched on, its webhooks signed and sent to WireMock instead of our own endpoint. */
public class SimulatorProfile implements QuarkusTestProfile {

    /** Base64, as OpenPhone shows signing secrets. */
    public static final String SECRET = "c2ltdWxhdG9yLXRlc3Qtc2lnbmluZy1zZWNyZXQtMDEyMzQ1Njc4OQ==";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "openphone.simulator", "true",
                "openphone.webhook.secrets", SECRET + ",second-secret-not-used",
                "openphone.simulator.delivery-delay", "PT0.1S",
                // No background contact or line refresh eating into the simulator's rate limit.
                "openphone.contacts.refresh-every", "off",
                "clubos.lines.refresh-every", "off");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenPhoneWireMock.class));
    }
}
