package com.clubos.messages.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The whole loop for the browser: outbox on, the built-in OpenPhone simulator delivering quickly. */
public class BrowserTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "openphone.simulator", "true",
                "openphone.outbox.enabled", "true",
                "openphone.outbox.poll-interval", "PT0.2S",
                "openphone.simulator.delivery-delay", "PT0.3S",
                "openphone.contacts.refresh-every", "off");
    }
}
