package com.clubos.messages.auth;

import jakarta.validation.constraints.NotBlank;

/** PUT /api/auth/password: one's own password. */
public record PasswordChangeRequest(
        @NotBlank(message = "is required") String currentPassword,
        @NotBlank(message = "is required") String newPassword) {}
