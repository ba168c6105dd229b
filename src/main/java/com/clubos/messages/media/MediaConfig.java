package com.clubos.messages.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Pictures and files customers send (MMS), which the service fetches for the page. */
@ConfigMapping(prefix = "clubos.media")
public interface MediaConfig {

    /** MEDIA_MAX_BYTES: the largest attachment passed on (bigger ones answer 413). */
    @WithDefault("20000000")
    long maxBytes();

    /** MEDIA_FETCH_TIMEOUT: how long fetching an attachment from OpenPhone's storage may take. */
    @WithDefault("PT20S")
    Duration fetchTimeout();

    /** MEDIA_ALLOW_HTTP: also fetch plain-http media URLs (tests only; OpenPhone's are https). */
    @WithDefault("false")
    boolean allowHttp();
}
