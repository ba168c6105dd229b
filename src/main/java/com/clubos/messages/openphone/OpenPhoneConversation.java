package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One conversation from {@code GET /v1/conversations}: one of our lines ({@code phoneNumberId}) and
 * the customers' numbers ({@code participants}); {@code name} is how the workspace names the customer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneConversation(
        String id,
        String phoneNumberId,
        List<String> participants,
        String name,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        Instant lastActivityAt) {

    public List<String> participants() {
        return participants == null ? List.of() : participants;
    }
}
