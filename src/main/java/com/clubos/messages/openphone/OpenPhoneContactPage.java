package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of {@code GET /v1/contacts}; the newer Quo API calls the page token {@code nextCursor}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneContactPage(
        List<OpenPhoneContact> data,
        Integer totalItems,
        @JsonAlias("nextCursor") String nextPageToken) {

    public List<OpenPhoneContact> data() {
        return data == null ? List.of() : data;
    }

    public boolean hasMore() {
        return nextPageToken != null && !nextPageToken.isBlank();
    }
}
