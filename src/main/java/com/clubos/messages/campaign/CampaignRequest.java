package com.clubos.messages.campaign;

import java.util.List;

/**
 * {@code POST /api/messages/campaigns}: recipients from pasted numbers and/or a filter over
 * conversations (more can be uploaded as CSV while it is a draft).
 */
public record CampaignRequest(
        String name,
        String text,
        String line,
        List<String> recipients,
        RecipientFilter filter,
        String sendAt,
        String kind) {

    /**
     * Conversations to text: of {@code line} (default the campaign's), last active since
     * {@code lastActivitySince} (a date or date-time), {@code inboxStatus} open or done, assigned to
     * {@code assignee} (a staff id; "" for nobody).
     */
    public record RecipientFilter(String line, String lastActivitySince, String inboxStatus, String assignee) {}
}
