package com.clubos.messages.conversation;

/** The body of PUT …/assignee: {"assigneeId": "staff-2"}, "me", or null to unassign. */
public record AssignRequest(String assigneeId) {}
