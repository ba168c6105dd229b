package com.clubos.messages.tracing;

import com.clubos.messages.message.OutboxTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The outbox on against WireMock, and finished spans captured in memory. */
public class TracingTestProfile extends OutboxTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("clubos.test.capture-spans", "true");
        return overrides;
    }
}
