package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code POST /v1/messages}. OpenPhone wants {@code content} (not {@code text}) and {@code to}
 * as an array even for one recipient; absent optional fields are left out rather than sent as null.
 *
 * @param content        1–1600 characters with at least one non-space character
 * @param from           our line: an OpenPhone number id ({@code PN…}) or its E.164 number
 * @param to             E.164 recipients; one for a 1:1 text
 * @param userId         {@code US…}, optional: defaults to the line's owner
 * @param setInboxStatus optional, {@code "done"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessageRequest(String content, String from, List<String> to, String userId, String setInboxStatus) {

    /** A 1:1 text from one of our lines. */
    public static SendMessageRequest text(String content, String from, String to) {
        return text(content, from, to, false);
    }

    /** A 1:1 text that also marks the conversation done in OpenPhone's inbox when {@code markDone}. */
    public static SendMessageRequest text(String content, String from, String to, boolean markDone) {
        return new SendMessageRequest(content, from, List.of(to), null, markDone ? "done" : null);
    }
}
