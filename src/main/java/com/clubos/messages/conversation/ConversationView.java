package com.clubos.messages.conversation;

import com.clubos.messages.message.MessageView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A conversation in the plan's shape: snake_case columns, camelCase {@code lastMessage} and
 * {@code messageCount}. {@code messages} is present when asked for (recent messages in the list,
 * the newest page in the detail view); {@code olderCursor} pages back through history; {@code notes}
 * (detail view only) are the staff's internal notes, never texts. {@code phone_display} is the
 * customer's number as the club writes it, {@code line_name} the location the customer texted.
 * {@code possible_opt_out} is the customer's text that reads like an opt-out in other words, for staff
 * to confirm or dismiss (null when there is none).
 * <p>
 * Registered for reflection (with the types of its components) because {@code EventRenderer} writes
 * it to WebSocket clients through the ObjectMapper directly, which Quarkus cannot see at build time.
 */
@RegisterForReflection(registerFullHierarchy = true)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ConversationView(
        long id,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("phone_display") String phoneDisplay,
        @JsonProperty("line_number") String lineNumber,
        @JsonProperty("line_name") String lineName,
        @JsonProperty("customer_name") String customerName,

        @JsonProperty("employee_name") @JsonInclude(JsonInclude.Include.ALWAYS)
        String employeeName,

        @JsonProperty("unread_count") int unreadCount,

        @JsonProperty("last_read_at") @JsonInclude(JsonInclude.Include.ALWAYS)
        Instant lastReadAt,

        @JsonProperty("last_message_at") Instant lastMessageAt,
        @JsonProperty("inbox_status") InboxStatus inboxStatus,

        @JsonProperty("assignee_id") @JsonInclude(JsonInclude.Include.ALWAYS)
        String assigneeId,

        @JsonProperty("assignee_name") @JsonInclude(JsonInclude.Include.ALWAYS)
        String assigneeName,

        @JsonProperty("opted_out") boolean optedOut,
        @JsonProperty("opted_out_at") Instant optedOutAt,

        @JsonProperty("possible_opt_out") @JsonInclude(JsonInclude.Include.ALWAYS)
        PossibleOptOut possibleOptOut,

        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) MessageView lastMessage,
        int messageCount,
        List<MessageView> messages,
        String olderCursor,
        List<NoteView> notes) {

    /** This conversation with its messages (oldest first), the cursor to older ones and its notes. */
    public ConversationView with(List<MessageView> newMessages, String newOlderCursor, List<NoteView> newNotes) {
        return new ConversationView(
                id,
                phoneNumber,
                phoneDisplay,
                lineNumber,
                lineName,
                customerName,
                employeeName,
                unreadCount,
                lastReadAt,
                lastMessageAt,
                inboxStatus,
                assigneeId,
                assigneeName,
                optedOut,
                optedOutAt,
                possibleOptOut,
                createdAt,
                updatedAt,
                lastMessage,
                messageCount,
                newMessages,
                newOlderCursor,
                newNotes);
    }

    /** A customer's text flagged as a possible opt-out: which, what it said (the first 200 characters), when. */
    public record PossibleOptOut(long messageId, String text, Instant at) {}
}
