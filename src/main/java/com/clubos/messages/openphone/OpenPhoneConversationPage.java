package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of {@code GET /v1/conversations}; {@code totalItems} is inexact (a progress estimate only). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneConversationPage(List<OpenPhoneConversation> data, Integer totalItems, String nextPageToken) {

    public List<OpenPhoneConversation> data() {
        return data == null ? List.of() : data;
    }

    public boolean hasMore() {
        return nextPageToken != null && !nextPageToken.isBlank();
    }
}
