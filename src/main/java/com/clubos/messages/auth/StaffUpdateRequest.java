package com.clubos.messages.auth;

import jakarta.validation.constraints.Size;

/** PATCH /api/admin/staff/{id}: only the fields present change. */
public record StaffUpdateRequest(
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
        String displayName,

        String role,
        Boolean active,
        String password,
        java.util.List<String> lines) {

    boolean isEmpty() {
        return displayName == null && role == null && active == null && password == null && lines == null;
    }
}
