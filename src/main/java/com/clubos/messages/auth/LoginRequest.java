package com.clubos.messages.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record LoginRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "is too long")
        String username,

        @NotBlank(message = "is required") @Size(max = 200, message = "is too long")
        String password) {}
