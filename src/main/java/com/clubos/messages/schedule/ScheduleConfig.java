package com.clubos.messages.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Scheduled messages: how often each replica releases due ones, and how far ahead they may be set. */
@ConfigMapping(prefix = "clubos.scheduled")
public interface ScheduleConfig {

    /** SCHEDULED_RELEASE_EVERY: how often every replica looks for due messages ({@code off} disables it). */
    @WithDefault("1s")
    String releaseEvery();

    /** SCHEDULED_RELEASE_BATCH: the most due messages one pass releases. */
    @WithDefault("200")
    int releaseBatch();

    /** SCHEDULED_MIN_LEAD: the earliest a message may be scheduled, from now. */
    @WithDefault("PT1M")
    Duration minLead();

    /** SCHEDULED_MAX_LEAD: the latest a message may be scheduled, from now. */
    @WithDefault("P365D")
    Duration maxLead();
}
