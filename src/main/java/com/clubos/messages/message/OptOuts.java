package com.clubos.messages.message;

import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.compliance.AutoReplies;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationChanged;
import com.clubos.messages.conversation.ConversationEvents;
import com.clubos.messages.schedule.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STOP/START compliance: a customer's keyword text opts their number out of (or back into) texts
 * from our line. Opting out also cancels every send still waiting in the outbox and every scheduled
 * text, in the same transaction, so nothing queued before the STOP goes out after it, except the one
 * confirmation text (see AutoReplies).
 */
@ApplicationScoped
public class OptOuts {

    static final String CANCELLED = "Not sent: the customer opted out (texted STOP)";

    private final Event<MessageChanged> messageChanges;
    private final Event<ConversationChanged> conversationChanges;
    private final ScheduleService schedule;
    private final AutoReplies autoReplies;

    public OptOuts(
            Event<MessageChanged> messageChanges,
            Event<ConversationChanged> conversationChanges,
            ScheduleService schedule,
            AutoReplies autoReplies) {
        this.messageChanges = messageChanges;
        this.conversationChanges = conversationChanges;
        this.schedule = schedule;
        this.autoReplies = autoReplies;
    }

    /**
     * Applies the keyword in a newly stored inbound message, if it is one. The caller's upsert of the
     * conversation holds its row lock, so the state read here cannot change before commit. Says
     * whether the text was an opt-out or opt-in keyword (applied or not).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean onInbound(Message inbound) {
        if (inbound.direction != MessageDirection.INBOUND) {
            return false;
        }
        var choice = OptOutKeywords.of(inbound.body);
        if (!OptOutKeywords.isOptOutOrIn(choice)) {
            return false;
        }
        boolean optOut = choice.get() == OptOutKeywords.Choice.OPT_OUT;
        ConversationEvents.keyword(inbound.conversationId, optOut, inbound.createdAt, inbound.id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyword", inbound.body.strip());
        apply(inbound, optOut, inbound.fromNumber, optOut ? "optout.stop" : "optout.start", details);
        return true;
    }

    /**
     * Opts the customer of {@code cause}'s conversation out (or in) as of that message, unless a newer
     * decision exists or nothing changes; audited as {@code action} by {@code actor}. Says whether it
     * changed the state. On an opt-out the one confirmation text is queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(Message cause, boolean optOut, String actor, String action, Map<String, Object> details) {
        long conversationId = cause.conversationId;
        boolean wasOptedOut = Conversation.isOptedOut(conversationId);
        if (!Conversation.applyOptOut(conversationId, optOut, cause.createdAt, cause.id) || wasOptedOut == optOut) {
            return false; // a newer keyword already decided, or nothing changes
        }
        List<Number> cancelled = optOut ? Outbox.cancelQueued(conversationId, CANCELLED) : List.of();
        for (Number id : cancelled) {
            MessageStatusChange.record(id.longValue(), MessageStatus.FAILED, CANCELLED);
            messageChanges.fire(new MessageChanged(MessageChanged.Kind.STATUS, id.longValue(), conversationId));
        }
        int cancelledScheduled = optOut ? schedule.customerOptedOut(conversationId, CANCELLED) : 0;
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("conversationId", conversationId);
        all.put("messageId", cause.id);
        all.putAll(details);
        all.put("line", cause.toNumber);
        all.put("cancelledSends", cancelled.size());
        all.put("cancelledScheduled", cancelledScheduled);
        AuditEntry.record(actor, action, cause.fromNumber, all);
        if (optOut) {
            autoReplies.optedOut(conversationId, cause);
        }
        conversationChanges.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, conversationId));
        return true;
    }
}
