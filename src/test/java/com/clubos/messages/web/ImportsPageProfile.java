package com.clubos.messages.web;

import com.clubos.messages.history.LegacyClubos;
import java.util.HashMap;
import java.util.Map;

/** The browser set-up with a ClubOS database to import from, in small paused batches so progress is seen moving. */
public class ImportsPageProfile extends BrowserTestProfile {

    static final String LEGACY = "page";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("clubos.history.legacy-database-url", LegacyClubos.jdbcUrl(LEGACY));
        overrides.put("clubos.history.legacy-database-user", "postgres");
        overrides.put("clubos.history.batch-size", "50");
        overrides.put("clubos.history.batch-pause", "PT0.05S");
        overrides.put("clubos.history.progress-interval", "PT0.1S");
        return overrides;
    }
}
