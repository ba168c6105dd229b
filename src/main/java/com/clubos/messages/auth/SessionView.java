package com.clubos.messages.auth;

import java.time.Instant;

/**
 * Who a token belongs to, as the pages need it: {@code account} is "local" for this service's own
 * accounts (which can change their password here) and "clubos" for ClubOS sign-ins.
 */
public record SessionView(String id, String name, String role, String account, Instant expiresAt) {}
