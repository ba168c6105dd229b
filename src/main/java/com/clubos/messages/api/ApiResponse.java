package com.clubos.messages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The envelope every /api endpoint answers with, as the ClubOS front end expects:
 * {@code {"success":true,"data":…}} or {@code {"success":false,"error":"…"}}.
 * Registered for reflection because {@code BodySizeLimit} writes it through {@link Json} outside
 * Quarkus REST (native image).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, String error) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null);
    }

    public static ApiResponse<Void> ok() {
        return new ApiResponse<>(true, null, null);
    }

    public static ApiResponse<Void> error(String message) {
        return new ApiResponse<>(false, null, message);
    }
}
