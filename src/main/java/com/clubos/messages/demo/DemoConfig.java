package com.clubos.messages.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "clubos.demo")
public interface DemoConfig {

    /** DEMO: seed demo staff and conversations at start and print the logins. */
    @WithDefault("false")
    boolean enabled();
}
