package com.clubos.messages.openphone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "openphone")
public interface OpenPhoneConfig {

    /** OPENPHONE_API_KEY: sent raw in the Authorization header (no "Bearer"). */
    Optional<String> apiKey();

    /** OPENPHONE_SIMULATOR: use the built-in fake OpenPhone instead of the real API. */
    @WithDefault("false")
    boolean simulator();

    /** OPENPHONE_DEFAULT_NUMBER: the line a send goes out from when the request names none. */
    Optional<String> defaultNumber();

    /** OPENPHONE_NUMBERS: further OpenPhone lines staff may send from (comma-separated). */
    Optional<List<String>> numbers();

    /** OPENPHONE_BASE_URL: where the REST API lives (ignored while the simulator is on). */
    @WithDefault("https://api.openphone.com")
    String baseUrl();

    /** OPENPHONE_CONNECT_TIMEOUT: how long to wait for a connection to OpenPhone. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** OPENPHONE_READ_TIMEOUT: how long to wait for OpenPhone's answer once connected. */
    @WithDefault("PT15S")
    Duration readTimeout();

    /** True when sends can go somewhere: an API key, or the simulator. */
    default boolean configured() {
        return simulator() || apiKey().filter(key -> !key.isBlank()).isPresent();
    }
}
