package com.clubos.messages.history;

import java.util.Map;

/**
 * {@link HistoryTestProfile} with OpenPhone slowed to 3 calls a second, so that a handful of bulk callers
 * would hold a staff send back for seconds if they did not give way to it.
 */
public class PriorityTestProfile extends HistoryTestProfile {

    static final double RATE = 3.0;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
        overrides.put("openphone.outbox.requests-per-second", String.valueOf(RATE));
        overrides.put("openphone.outbox.poll-interval", "PT0.1S");
        return overrides;
    }
}
