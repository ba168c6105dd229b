package com.clubos.messages.compliance;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.compliance.InboundCompliance.PossibleOptOutFlags;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationChanged;
import com.clubos.messages.conversation.ConversationEvents;
import com.clubos.messages.conversation.ConversationService;
import com.clubos.messages.conversation.ConversationView;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.OptOuts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Staff act on a flagged possible opt-out: confirming applies the opt-out as of the customer's text
 * (as a STOP would: queued and scheduled texts cancelled, one confirmation text); dismissing clears
 * the flag. Both audited; both act only on the text staff saw (409 if the flag changed meanwhile).
 */
@ApplicationScoped
public class PossibleOptOuts {

    private final ConversationService conversations;
    private final OptOuts optOuts;
    private final Event<ConversationChanged> changes;

    public PossibleOptOuts(ConversationService conversations, OptOuts optOuts, Event<ConversationChanged> changes) {
        this.conversations = conversations;
        this.optOuts = optOuts;
        this.changes = changes;
    }

    @Transactional
    public ConversationView confirm(String phoneNumber, String line, Long messageId, String actorId, String actorName) {
        Conversation conversation = flagged(phoneNumber, line, messageId);
        Message text = Message.findById(conversation.possibleOptOutMessageId);
        PossibleOptOutFlags.clear(conversation.id, text.id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("userId", actorId);
        details.put("confirmedBy", actorName);
        if (optOuts.apply(text, true, actorName, "optout.confirmed", details)) {
            // Counted in reports as an opt-out at the customer's text, like a STOP.
            ConversationEvents.keyword(conversation.id, true, text.createdAt, text.id);
        } else {
            // Already opted out, or a later START decided: nothing to apply, the flag is simply done.
            AuditEntry.record(
                    actorName,
                    "optout.confirmed",
                    conversation.phoneNumber,
                    Map.of(
                            "conversationId",
                            conversation.id,
                            "messageId",
                            text.id,
                            "applied",
                            false,
                            "userId",
                            actorId));
            changes.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, conversation.id));
        }
        return conversations.view(conversation.id);
    }

    @Transactional
    public ConversationView dismiss(String phoneNumber, String line, Long messageId, String actorId, String actorName) {
        Conversation conversation = flagged(phoneNumber, line, messageId);
        PossibleOptOutFlags.clear(conversation.id, conversation.possibleOptOutMessageId);
        AuditEntry.record(
                actorName,
                "optout.dismissed",
                conversation.phoneNumber,
                Map.of(
                        "conversationId", conversation.id,
                        "messageId", conversation.possibleOptOutMessageId,
                        "userId", actorId));
        changes.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, conversation.id));
        return conversations.view(conversation.id);
    }

    /** The caller's conversation (404) with a flag (409), locked; the flag must be {@code messageId} when given. */
    private Conversation flagged(String phoneNumber, String line, Long messageId) {
        Conversation found = conversations
                .lookup(phoneNumber, line)
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Conversation.isOptedOut(found.id); // takes the row lock: STOPs and flags wait for us
        Conversation.getEntityManager().refresh(found);
        if (found.possibleOptOutMessageId == null) {
            throw new ApiException(Response.Status.CONFLICT, "This conversation has no possible opt-out to act on");
        }
        if (messageId != null && !messageId.equals(found.possibleOptOutMessageId)) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "The flagged text changed (now message " + found.possibleOptOutMessageId + "); look again");
        }
        return found;
    }
}
