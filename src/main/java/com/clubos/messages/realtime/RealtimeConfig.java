package com.clubos.messages.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "clubos.realtime")
public interface RealtimeConfig {

    /** REALTIME_RETENTION: how long the change feed is kept for clients that resume. */
    @WithDefault("P2D")
    Duration retention();

    /** REALTIME_MAX_REPLAY: the most events replayed on resume; beyond it the client is told to resync. */
    @WithDefault("1000")
    int maxReplay();

    /** REALTIME_MAX_PENDING: unsent events one connection may have queued before it is told to resync. */
    @WithDefault("256")
    int maxPendingPerConnection();

    /** REALTIME_LISTENER_RETRY: wait before the LISTEN connection is opened again after a failure. */
    @WithDefault("PT1S")
    Duration listenerRetry();
}
