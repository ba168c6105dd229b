package com.clubos.messages.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Bulk sends (campaigns); every setting has an env var, see README. */
@ConfigMapping(prefix = "clubos.campaigns")
public interface CampaignConfig {

    /**
     * CAMPAIGN_QUIET_HOURS: when marketing texts may leave, in the recipient's local time; the
     * default is the US federal window (TCPA) of shared/reference/sms-compliance.md.
     */
    @WithDefault("08:00-21:00")
    String quietHours();

    /**
     * CAMPAIGN_QUIET_HOURS_REGIONS: stricter windows by number prefix,
     * {@code +1305=08:00-20:00,+1786=08:00-20:00}; the longest matching prefix applies, and never
     * more loosely than CAMPAIGN_QUIET_HOURS. {@code none} switches the built-in list off.
     */
    Optional<List<String>> quietHoursRegions();

    /** CAMPAIGN_FREQUENCY_CAP: marketing texts one number may get per window; 0 switches the cap off. */
    @WithDefault("3")
    int frequencyCap();

    /** CAMPAIGN_FREQUENCY_WINDOW: the rolling window of the cap. */
    @WithDefault("PT24H")
    Duration frequencyWindow();

    /** CAMPAIGN_DISPATCH_EVERY: how often each replica releases campaign texts into the outbox. */
    @WithDefault("1s")
    String dispatchEvery();

    /**
     * CAMPAIGN_RELEASE_AHEAD: campaign texts a campaign keeps waiting in the outbox at most; a pause
     * or cancel stops everything not yet released, so this is also what may still leave after one.
     */
    @WithDefault("25")
    int releaseAhead();

    /** CAMPAIGN_MAX_RECIPIENTS: the most recipients one campaign may have. */
    @WithDefault("10000")
    int maxRecipients();

    /** CAMPAIGN_CSV_MAX_BYTES: the largest CSV upload (413 above it). */
    @WithDefault("1048576")
    int csvMaxBytes();
}
