package com.clubos.messages.phone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "clubos.phone")
public interface PhoneConfig {

    /** ISO 3166 region used for numbers written without a country code, e.g. "US" or "CA". */
    @WithDefault("US")
    String defaultRegion();
}
