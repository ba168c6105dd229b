package com.clubos.messages.auth;

/**
 * A staff account's sessions changed (deactivated, new role or password): its tokens issued so far
 * no longer stand. {@code staffId} is "staff-12", or null when this replica may have missed such
 * changes (its LISTEN connection was down) and must forget everything it cached.
 */
public record StaffSessionsEnded(String staffId) {}
