package com.clubos.messages.realtime;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationNote;
import com.clubos.messages.conversation.ConversationView;
import com.clubos.messages.conversation.NoteView;
import com.clubos.messages.history.HistoryImport;
import com.clubos.messages.history.ImportView;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns change-feed rows into the JSON events clients receive, loading the current rows they point
 * at: {@code {"type","seq","conversationId","data",…}}.
 */
@ApplicationScoped
public class EventRenderer {

    private final ObjectMapper mapper;

    public EventRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A rendered event: its JSON, the conversation it belongs to (for subscriptions) and that
     * conversation's line (for location scopes); or none for an admin-only event (import progress),
     * which every admin receives whatever they subscribed to.
     */
    public record Rendered(long seq, Long conversationId, String line, String json, boolean adminOnly) {}

    public List<Rendered> render(List<ChangeEvent> changes) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Rendered> rendered = new ArrayList<>();
            for (ChangeEvent change : changes) {
                renderOne(change).ifPresent(rendered::add);
            }
            return rendered;
        });
    }

    private Optional<Rendered> renderOne(ChangeEvent change) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", change.type);
        event.put("seq", change.seq);
        if (ChangeEvent.IMPORT_PROGRESS.equals(change.type)) {
            return renderImport(change, event);
        }
        event.put("conversationId", change.conversationId);
        Conversation conversation = Conversation.findById(change.conversationId);
        if (conversation == null) {
            return Optional.empty();
        }
        switch (change.type) {
            case ChangeEvent.MESSAGE_CREATED -> {
                Message message = Message.findById(change.messageId);
                if (message == null) {
                    return Optional.empty();
                }
                event.put("data", MessageView.of(message));
                event.put("conversation", ConversationView.of(conversation, null, null));
            }
            case ChangeEvent.MESSAGE_UPDATED -> {
                Message message = Message.findById(change.messageId);
                if (message == null) {
                    return Optional.empty();
                }
                event.put("data", MessageView.of(message));
            }
            case ChangeEvent.MESSAGE_STATUS -> {
                Message message = Message.findById(change.messageId);
                if (message == null) {
                    return Optional.empty();
                }
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("id", message.id);
                status.put("status", message.status);
                status.put("error", message.errorMessage);
                status.put("openphoneId", message.openphoneId);
                event.put("data", status);
            }
            case ChangeEvent.NOTE_CREATED -> {
                ConversationNote note = ConversationNote.findById(change.noteId);
                if (note == null) {
                    return Optional.empty();
                }
                event.put("data", NoteView.of(note));
            }
            default -> event.put("data", ConversationView.of(conversation, null, null));
        }
        event.put("phoneNumber", conversation.phoneNumber);
        return Optional.of(
                new Rendered(change.seq, change.conversationId, conversation.lineNumber, write(event), false));
    }

    private Optional<Rendered> renderImport(ChangeEvent change, Map<String, Object> event) {
        HistoryImport job = change.importId == null ? null : HistoryImport.findById(change.importId);
        if (job == null) {
            return Optional.empty();
        }
        event.put("data", ImportView.of(job));
        return Optional.of(new Rendered(change.seq, null, null, write(event), true));
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event cannot be written as JSON", e);
        }
    }
}
