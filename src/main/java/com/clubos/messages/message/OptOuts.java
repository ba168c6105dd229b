package com.clubos.messages.message;

import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationChanged;
import com.clubos.messages.conversation.ConversationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STOP/START compliance: a customer's keyword text opts their number out of (or back into) texts
 * from our line. Opting out also cancels every send still waiting in the outbox, in the same
 * transaction, so nothing queued before the STOP goes out after it.
 */
@ApplicationScoped
public class OptOuts {

    static final String CANCELLED = "Not sent: the customer opted out (texted STOP)";

    private final Event<MessageChanged> messageChanges;
    private final Event<ConversationChanged> conversationChanges;

    public OptOuts(Event<MessageChanged> messageChanges, Event<ConversationChanged> conversationChanges) {
        this.messageChanges = messageChanges;
        this.conversationChanges = conversationChanges;
    }

    /**
     * Applies the keyword in a newly stored inbound message, if it is one. The caller's upsert of the
     * conversation holds its row lock, so the state read here cannot change before commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onInbound(Message inbound) {
        if (inbound.direction != MessageDirection.INBOUND) {
            return;
        }
        var choice = OptOutKeywords.of(inbound.body);
        if (choice.isEmpty()) {
            return;
        }
        boolean optOut = choice.get() == OptOutKeywords.Choice.OPT_OUT;
        ConversationEvents.keyword(inbound.conversationId, optOut, inbound.createdAt, inbound.id);
        boolean wasOptedOut = Conversation.isOptedOut(inbound.conversationId);
        if (!Conversation.applyOptOut(inbound.conversationId, optOut, inbound.createdAt, inbound.id)
                || wasOptedOut == optOut) {
            return; // a newer keyword already decided, or nothing changes
        }
        List<Number> cancelled = optOut ? Outbox.cancelQueued(inbound.conversationId, CANCELLED) : List.of();
        for (Number id : cancelled) {
            MessageStatusChange.record(id.longValue(), MessageStatus.FAILED, CANCELLED);
            messageChanges.fire(new MessageChanged(MessageChanged.Kind.STATUS, id.longValue(), inbound.conversationId));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conversationId", inbound.conversationId);
        details.put("messageId", inbound.id);
        details.put("keyword", inbound.body.strip());
        details.put("line", inbound.toNumber);
        details.put("cancelledSends", cancelled.size());
        AuditEntry.record(inbound.fromNumber, optOut ? "optout.stop" : "optout.start", inbound.fromNumber, details);
        conversationChanges.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, inbound.conversationId));
    }
}
