package com.clubos.messages.openphone.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The built-in fake OpenPhone; switched on by {@code openphone.simulator=true}. */
@ConfigMapping(prefix = "openphone.simulator")
public interface SimulatorConfig {

    /** OPENPHONE_SIMULATOR_DELIVERY_DELAY: how long after a send its {@code message.delivered} webhook comes. */
    @WithDefault("PT1S")
    Duration deliveryDelay();

    /** OPENPHONE_SIMULATOR_AUTO_REPLY: answer every delivered text with a short customer reply. */
    @WithDefault("false")
    boolean autoReply();

    /**
     * OPENPHONE_SIMULATOR_WEBHOOK_URL: where simulated webhooks go; unset means our own
     * {@code http://127.0.0.1:<quarkus.http.port>/api/openphone/webhook}.
     */
    Optional<String> webhookUrl();
}
