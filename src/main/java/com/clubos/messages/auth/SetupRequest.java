package com.clubos.messages.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/auth/setup: the first admin, with the code of the setup link printed at start. */
public record SetupRequest(
        @NotBlank(message = "is required (it is in the setup link)") @Size(max = 100, message = "is not a setup code")
        String code,

        @NotBlank(message = "is required") @Size(max = 100, message = "is too long (at most 100 characters)")
        String username,

        @Size(max = 200, message = "is too long (at most 200 characters)")
        String displayName,

        @NotBlank(message = "is required") String password) {}
