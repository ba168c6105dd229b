package com.clubos.messages.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Reports: the zone they start in, opening hours per location, and how often the rollup is checked. */
@ConfigMapping(prefix = "clubos.reports")
public interface ReportsConfig {

    /** REPORTS_TIME_ZONE: IANA zone used when a request names none, and for business hours that name none. */
    @WithDefault("UTC")
    String timeZone();

    /**
     * BUSINESS_HOURS: {@code Mon-Fri 09:00-22:00; Sat-Sun 08:00-23:00} for every location, or per location
     * {@code Halifax=Mon-Sun 09:00-22:00 | Dartmouth=Mon-Fri 10:00-21:00; America/Halifax} (see BusinessHours).
     */
    Optional<String> businessHours();

    /** REPORTS_REFRESH_EVERY: how often every conversation is compared with the rollup ({@code off} disables it). */
    @WithDefault("5m")
    String refreshEvery();
}
