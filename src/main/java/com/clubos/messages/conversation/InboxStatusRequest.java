package com.clubos.messages.conversation;

/** The body of PUT …/status: {"status": "done"} or {"status": "open"}. */
public record InboxStatusRequest(String status) {}
