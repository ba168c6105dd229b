package com.clubos.messages.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "clubos.messages")
public interface MessagesConfig {

    /** MESSAGES_MAX_PAGE_SIZE: the most conversations or messages one request returns. */
    @WithDefault("200")
    int maxPageSize();

    /** MESSAGES_RECENT_IN_LIST: how many recent messages each conversation of the list carries. */
    @WithDefault("20")
    int recentMessagesInList();
}
