package com.clubos.messages.realtime;

import com.clubos.messages.campaign.CampaignViews;
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
    private final CampaignViews campaigns;

    public EventRenderer(ObjectMapper mapper, CampaignViews campaigns) {
        this.mapper = mapper;
        this.campaigns = campaigns;
    }

    /**
     * A rendered event: its JSON, the conversation it belongs to (for subscriptions) and that
     * conversation's line (for location scopes); or none for an event of a wider {@link Audience}
     * (import progress, campaign progress), which its audience receives whatever they subscribed to.
     */
    public record Rendered(long seq, Long conversationId, String line, String json, Audience audience) {

        public boolean adminOnly() {
            return audience == Audience.ADMINS;
        }
    }

    /** Who receives an event. */
    public enum Audience {
        /** Staff who see the conversation's line and subscribed to it (or to the list). */
        CONVERSATION,
        /** Every admin (history import progress). */
        ADMINS,
        /** Admins and operators who see the event's line (campaign progress). */
        MANAGERS
    }

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
        if (ChangeEvent.CAMPAIGN_PROGRESS.equals(change.type)) {
            return campaigns.render(change.campaignId).map(view -> {
                event.put("data", view);
                return new Rendered(change.seq, null, view.line(), write(event), Audience.MANAGERS);
            });
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
        return Optional.of(new Rendered(
                change.seq, change.conversationId, conversation.lineNumber, write(event), Audience.CONVERSATION));
    }

    private Optional<Rendered> renderImport(ChangeEvent change, Map<String, Object> event) {
        HistoryImport job = change.importId == null ? null : HistoryImport.findById(change.importId);
        if (job == null) {
            return Optional.empty();
        }
        event.put("data", ImportView.of(job));
        return Optional.of(new Rendered(change.seq, null, null, write(event), Audience.ADMINS));
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event cannot be written as JSON", e);
        }
    }
}
