package com.clubos.messages.template;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "clubos.templates")
public interface TemplatesConfig {

    /** CLUB_NAME: what {{club}} in a snippet becomes; a snippet using {{club}} is refused without it. */
    Optional<String> clubName();
}
