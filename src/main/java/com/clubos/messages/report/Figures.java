package com.clubos.messages.report;

/** Every figure of one range (the summary's, and its previous range's). */
public record Figures(
        String from,
        String to,
        long inbound,
        long outbound,
        long newConversations,
        long done,
        long optOuts,
        long failedSends,
        FirstResponse firstResponse) {}
