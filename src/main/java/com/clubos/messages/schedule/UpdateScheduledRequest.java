package com.clubos.messages.schedule;

/** The body of PATCH /api/messages/{id}: any of a scheduled message's new text, time or reply rule. */
public record UpdateScheduledRequest(String text, String sendAt, Boolean sendEvenIfReply) {}
