package com.clubos.messages.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * What the service answers by itself to STOP and HELP, and whether it flags texts that read like an
 * opt-out in other words. {@code {{club}}} in a text is the club's name (CLUB_NAME, else the line's
 * location name).
 */
@ConfigMapping(prefix = "clubos.compliance")
public interface ComplianceConfig {

    String DEFAULT_OPT_OUT_CONFIRMATION =
            "{{club}}: you're unsubscribed and will get no more texts from this number. Reply START to resubscribe.";
    String DEFAULT_HELP_REPLY = "{{club}}: reply to this text and our staff will answer you here. "
            + "Msg & data rates may apply. Reply STOP to opt out, START to opt back in.";

    /** OPT_OUT_CONFIRMATION_ENABLED: one confirmation text after each opt-out (the one text the law allows then). */
    @WithDefault("true")
    boolean optOutConfirmationEnabled();

    /** OPT_OUT_CONFIRMATION_TEXT: that text; no marketing in it (unset: {@link #DEFAULT_OPT_OUT_CONFIRMATION}). */
    Optional<String> optOutConfirmation();

    /** HELP_REPLY_ENABLED: answer HELP and INFO by themselves. */
    @WithDefault("true")
    boolean helpReplyEnabled();

    /** HELP_REPLY_TEXT: the answer: who we are, how to reach us, how to opt out (unset: {@link #DEFAULT_HELP_REPLY}). */
    Optional<String> helpReply();

    /** POSSIBLE_OPT_OUT_FLAGS: flag short texts that read like an opt-out in other words for staff to confirm. */
    @WithDefault("true")
    boolean flagPossibleOptOuts();
}
