package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A text as OpenPhone's REST API describes it. {@code to} is an array in the v1 API but a plain
 * string in some payloads, and the text has been seen as {@code body}: both are accepted.
 *
 * @param direction {@code incoming} or {@code outgoing}
 * @param status    {@code queued}, {@code sent}, {@code delivered}, {@code undelivered}, {@code received}…
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneMessage(
        String id,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> to,

        String from,
        @JsonAlias("body") String text,
        String phoneNumberId,
        String direction,
        String userId,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    public List<String> to() {
        return to == null ? List.of() : to;
    }
}
