package com.clubos.messages.auth;

/** Whether the service still waits for its first admin, and whether the code asked about would work. */
public record SetupStatus(boolean setupRequired, boolean codeValid) {}
