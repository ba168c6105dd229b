package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One of the workspace's lines from {@code GET /v1/phone-numbers}.
 *
 * @param id              {@code PN…}, usable as {@code from} and as {@code phoneNumberId}
 * @param number          E.164
 * @param formattedNumber for display, e.g. {@code (902) 555-0100}
 * @param name            the line's name in OpenPhone, e.g. "Halifax front desk"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneNumber(
        String id,
        String groupId,
        String name,
        String number,
        String formattedNumber,
        String symbol,
        List<User> users,
        Instant createdAt,
        Instant updatedAt) {

    public List<User> users() {
        return users == null ? List.of() : users;
    }

    /** A workspace member with access to the line. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String email, String firstName, String lastName, String role) {}
}
