package com.clubos.messages.auth;

/** A staff member a conversation can be assigned to: our own login ("staff-N") or a ClubOS user. */
public record StaffMember(String id, String name, String role) {}
