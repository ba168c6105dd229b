package com.clubos.messages.openphone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "openphone.contacts")
public interface ContactsConfig {

    /** OPENPHONE_CONTACTS_REFRESH: how often contact names are reloaded from OpenPhone (e.g. 15m). */
    @WithDefault("15m")
    String refreshEvery();
}
