package com.clubos.messages.line;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Our OpenPhone lines (one per club location) and who may see which. */
@ConfigMapping(prefix = "clubos.lines")
public interface LinesConfig {

    /**
     * LOCATION_NAMES: names that override the lines' names in OpenPhone,
     * {@code +19025550100=Halifax,+19025550200=Dartmouth} (numbers in any format).
     */
    Optional<String> names();

    /** OPENPHONE_LINES_REFRESH: how often the lines are reloaded from OpenPhone ({@code off} disables it). */
    @WithDefault("15m")
    String refreshEvery();

    /** CLUBOS_JWT_LINES_CLAIM: claims of a ClubOS token naming the locations its user may see (first present wins). */
    @WithDefault("lines,locations")
    List<String> tokenClaims();
}
