package com.clubos.messages.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "openphone.outbox")
public interface OutboxConfig {

    /** OPENPHONE_OUTBOX_ENABLED: whether this replica sends queued messages. */
    @WithDefault("true")
    boolean enabled();

    /** OPENPHONE_RATE_LIMIT: OpenPhone API calls per second for the whole deployment (OpenPhone allows 10). */
    @WithDefault("9.5")
    double requestsPerSecond();

    /** OPENPHONE_OUTBOX_CONCURRENCY: calls one replica keeps in flight at once. */
    @WithDefault("4")
    int concurrency();

    /** OPENPHONE_OUTBOX_POLL_INTERVAL: how often an idle replica looks for due messages. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** OPENPHONE_RETRY_DEADLINE: how long a message is retried (5xx, timeouts, 429) before it fails. */
    @WithDefault("PT1H")
    Duration retryDeadline();

    /** OPENPHONE_RETRY_INITIAL_BACKOFF: the first wait after a failed try; doubles each time. */
    @WithDefault("PT2S")
    Duration initialBackoff();

    /** OPENPHONE_RETRY_MAX_BACKOFF: the longest wait between tries. */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** OPENPHONE_OUTBOX_STUCK_AFTER: a send still "sending" this long lost its replica; it is reconciled. */
    @WithDefault("PT2M")
    Duration stuckAfter();

    /** OPENPHONE_SEND_LIMIT_PER_MINUTE: texts one staff user may send per minute. */
    @WithDefault("30")
    int sendLimitPerMinute();
}
