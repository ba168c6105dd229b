package com.clubos.messages.realtime;

import com.clubos.messages.campaign.CampaignViews;
import com.clubos.messages.conversation.ConversationNote;
import com.clubos.messages.conversation.ConversationRows;
import com.clubos.messages.conversation.ConversationView;
import com.clubos.messages.conversation.NoteView;
import com.clubos.messages.database.JdbcWork;
import com.clubos.messages.history.HistoryImport;
import com.clubos.messages.history.ImportView;
import com.clubos.messages.message.MessageRows;
import com.clubos.messages.message.MessageView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
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
    private final ConversationRows rows;
    private final JdbcWork jdbc;

    public EventRenderer(ObjectMapper mapper, CampaignViews campaigns, ConversationRows rows, JdbcWork jdbc) {
        this.mapper = mapper;
        this.campaigns = campaigns;
        this.rows = rows;
        this.jdbc = jdbc;
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
        // Plain JDBC in the render's transaction: every push is rendered on the listener's one thread,
        // so each query here delays every client's event (issue 19).
        return jdbc.run(connection -> {
            Optional<ConversationView> conversation = rows.byId(connection, change.conversationId);
            if (conversation.isEmpty()) {
                return Optional.<Rendered>empty();
            }
            Optional<Object> data = data(connection, change, conversation.get());
            if (data.isEmpty()) {
                return Optional.<Rendered>empty();
            }
            event.put("data", data.get());
            if (ChangeEvent.MESSAGE_CREATED.equals(change.type)) {
                event.put("conversation", conversation.get());
            }
            event.put("phoneNumber", conversation.get().phoneNumber());
            return Optional.of(new Rendered(
                    change.seq,
                    change.conversationId,
                    conversation.get().lineNumber(),
                    write(event),
                    Audience.CONVERSATION));
        });
    }

    /** What a conversation's event carries as {@code data}; none when the row it names is gone. */
    private static Optional<Object> data(Connection connection, ChangeEvent change, ConversationView conversation)
            throws SQLException {
        return switch (change.type) {
            case ChangeEvent.MESSAGE_CREATED, ChangeEvent.MESSAGE_UPDATED ->
                MessageRows.byId(connection, change.messageId).map(Object.class::cast);
            case ChangeEvent.MESSAGE_STATUS ->
                MessageRows.byId(connection, change.messageId).map(EventRenderer::status);
            case ChangeEvent.NOTE_CREATED ->
                Optional.ofNullable(ConversationNote.<ConversationNote>findById(change.noteId))
                        .map(NoteView::of);
            default -> Optional.of(conversation);
        };
    }

    private static Map<String, Object> status(MessageView message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", message.id());
        status.put("status", message.status());
        status.put("error", message.error());
        status.put("openphoneId", message.openphoneId());
        return status;
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
