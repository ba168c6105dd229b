package com.clubos.messages.message;

import com.clubos.messages.compliance.InboundCompliance;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.schedule.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Stores what OpenPhone tells us about messages. Every step is idempotent (unique OpenPhone ids,
 * INSERT … ON CONFLICT, rank-guarded status updates), so duplicated, concurrent or out-of-order
 * webhooks change nothing twice.
 */
@ApplicationScoped
public class MessageIngestion {

    private final Event<MessageChanged> changes;
    private final CustomerNames contacts;
    private final OptOuts optOuts;
    private final ScheduleService schedule;
    private final InboundCompliance compliance;

    public MessageIngestion(
            Event<MessageChanged> changes,
            CustomerNames contacts,
            OptOuts optOuts,
            ScheduleService schedule,
            InboundCompliance compliance) {
        this.changes = changes;
        this.contacts = contacts;
        this.optOuts = optOuts;
        this.schedule = schedule;
        this.compliance = compliance;
    }

    /**
     * A customer's text: stored once, counted once as unread; a STOP or START keyword is applied once,
     * HELP answered once, a possible opt-out in other words flagged for staff, and scheduled messages
     * written before it are cancelled (unless meant to go out even so).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void received(ObservedMessage observed) {
        store(observed, true).ifPresent(stored -> {
            optOuts.onInbound(stored.message());
            compliance.onInbound(stored.message());
            if (stored.scheduledPending()) {
                schedule.customerTexted(stored.message());
            }
        });
    }

    /**
     * A delivery receipt: our message moves to its reported status. If OpenPhone reports it before
     * our send recorded the OpenPhone id, our in-flight send of the same text is matched; an
     * outgoing text we never sent (staff used OpenPhone's own app) is stored so the history is whole.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delivered(ObservedMessage observed) {
        Optional<Message> ours = Message.findByOpenPhoneId(observed.openphoneId());
        if (ours.isEmpty()) {
            long conversationId = Conversation.upsert(observed.line(), observed.customer(), null);
            ours = Message.claimInFlight(conversationId, observed.text(), observed.openphoneId());
        }
        if (ours.isPresent()) {
            advance(ours.get(), observed.status(), null);
        } else {
            store(observed, false);
        }
    }

    /** Moves a message forward and records the step; false when it was not a step forward. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advance(Message message, MessageStatus status, String error) {
        if (!Message.advanceStatus(message.id, status, error)) {
            return false;
        }
        MessageStatusChange.record(message.id, status, error);
        changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, message.id, message.conversationId));
        return true;
    }

    /** A message just stored, and whether its conversation holds scheduled texts. */
    private record Stored(Message message, boolean scheduledPending) {}

    private Optional<Stored> store(ObservedMessage observed, boolean unread) {
        Message message = new Message();
        message.openphoneId = observed.openphoneId();
        message.direction = observed.direction();
        message.fromNumber = observed.from();
        message.toNumber = observed.to();
        message.body = observed.text();
        message.media = observed.media();
        message.status = observed.status();
        message.createdAt = observed.createdAt();
        String name = contacts.nameOf(observed.customer()).orElse(null);
        MessageChanged created = TextInsert.insert(
                        message,
                        observed.customer(),
                        observed.line(),
                        name == null || name.isBlank() ? Conversation.UNKNOWN_NAME : name,
                        false)
                .created();
        if (created == null) {
            return Optional.empty(); // the same message under another event id
        }
        boolean scheduledPending = Conversation.countMessage(message, unread);
        changes.fire(created);
        return Optional.of(new Stored(message, scheduledPending));
    }
}
