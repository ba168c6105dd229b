package com.clubos.messages.openphone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "openphone.webhook")
public interface WebhookConfig {

    /**
     * OPENPHONE_WEBHOOK_SECRETS: the signing secrets of our webhook subscriptions, comma-separated
     * (several at once during a rotation). None → every webhook is refused.
     */
    Optional<List<String>> secrets();

    /** OPENPHONE_WEBHOOK_SECRET: the plan's single signing secret; accepted beside all of {@link #secrets()}. */
    Optional<String> secret();

    /** Every configured secret (the list's, then the plan's single one), without blanks or repeats. */
    default List<String> allSecrets() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        secrets().orElse(List.of()).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(all::add);
        secret().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(all::add);
        return List.copyOf(all);
    }

    /** OPENPHONE_WEBHOOK_TOLERANCE: how far a signature's timestamp may be from now. */
    @WithDefault("PT5M")
    Duration tolerance();

    /** OPENPHONE_WEBHOOK_RETENTION: how long accepted events are kept in webhook_events. */
    @WithDefault("P30D")
    Duration retention();

    /** OPENPHONE_WEBHOOK_MAX_BODY: the largest webhook body accepted, in bytes. */
    @WithDefault("262144")
    int maxBodyBytes();
}
