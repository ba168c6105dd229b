package com.clubos.messages.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/admin/staff: a new account. {@code displayName} defaults to the username; no {@code lines}: every line. */
public record NewStaffRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "is too long (at most 100 characters)")
        String username,

        @Size(max = 200, message = "is too long (at most 200 characters)")
        String displayName,

        @NotBlank(message = "is required (admin, operator or support)")
        String role,

        @NotBlank(message = "is required") String password,
        java.util.List<String> lines) {}
