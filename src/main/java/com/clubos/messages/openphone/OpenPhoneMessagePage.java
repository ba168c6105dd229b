package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code GET /v1/messages}. {@code totalItems} is documented as inexact: page on with
 * {@code nextPageToken} until it is null rather than counting.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneMessagePage(List<OpenPhoneMessage> data, Integer totalItems, String nextPageToken) {

    public List<OpenPhoneMessage> data() {
        return data == null ? List.of() : data;
    }

    public boolean hasMore() {
        return nextPageToken != null && !nextPageToken.isBlank();
    }
}
