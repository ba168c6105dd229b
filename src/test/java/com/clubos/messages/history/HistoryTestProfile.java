package com.clubos.messages.history;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Imports against a ClubOS database of the test's own and WireMock playing OpenPhone, with the outbox
 * on (so a test sees that nothing imported is ever sent) and small batches and pages (so every test
 * crosses batch, page and checkpoint boundaries).
 */
public class HistoryTestProfile implements QuarkusTestProfile {

    static final String LEGACY = "import";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("clubos.history.legacy-database-url", LegacyClubos.jdbcUrl(LEGACY)),
                Map.entry("clubos.history.legacy-database-user", "postgres"),
                Map.entry("clubos.history.batch-size", "50"),
                Map.entry("clubos.history.legacy-page-rows", "7"),
                Map.entry("clubos.history.lease", "PT3S"),
                Map.entry("clubos.history.heartbeat-every", "1s"),
                Map.entry("clubos.history.progress-interval", "PT0.1S"),
                Map.entry("clubos.history.retry-deadline", "PT5S"),
                Map.entry("openphone.outbox.enabled", "true"),
                Map.entry("openphone.outbox.poll-interval", "PT0.2S"),
                Map.entry("openphone.outbox.send-limit-per-minute", "1000"),
                Map.entry("openphone.contacts.refresh-every", "off"),
                // Nor the lines: their sync would add calls to /v1/phone-numbers that tests count.
                Map.entry("clubos.lines.refresh-every", "off"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenPhoneWireMock.class));
    }
}
