package com.clubos.messages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A list envelope: {@code data} stays a plain array, as ClubOS clients read it, and the cursor of
 * the next (older) page rides beside it; null when there is none.
 */
public record ApiPage<T>(
        boolean success,
        List<T> data,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    public static <T> ApiPage<T> of(List<T> data, String nextCursor) {
        return new ApiPage<>(true, data, nextCursor);
    }
}
