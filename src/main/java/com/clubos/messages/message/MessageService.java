package com.clubos.messages.message;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationEvents;
import com.clubos.messages.conversation.InboxStatus;
import com.clubos.messages.line.CurrentScope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

@ApplicationScoped
public class MessageService {

    private static final Duration SEND_LIMIT_WINDOW = Duration.ofMinutes(1);

    private final TextGateway openPhone;
    private final OutboxConfig outbox;
    private final Event<MessageChanged> changes;
    private final CurrentScope scope;
    private final SendLines sendLines;

    public MessageService(
            TextGateway openPhone,
            OutboxConfig outbox,
            Event<MessageChanged> changes,
            CurrentScope scope,
            SendLines sendLines) {
        this.openPhone = openPhone;
        this.outbox = outbox;
        this.changes = changes;
        this.scope = scope;
        this.sendLines = sendLines;
    }

    /** What a send request produced: the message, and whether this request created it. */
    public record Queued(MessageView message, boolean created) {}

    /**
     * Accepts a send: in one transaction the conversation is created or updated, the message is
     * stored as {@code queued} and the audit entry written. Nothing here waits on OpenPhone; the
     * outbox sends it. The same client reference twice yields the first message, sent once. A send
     * with {@code sendAt} is stored as {@code scheduled} instead, and released to the queue at its time.
     * The line is chosen in the same transaction ({@link SendLines}) when the request named none.
     */
    @WithSpan("send accept")
    @Transactional
    public Queued queue(ValidatedSend request, String actorId, String actorName) {
        ValidatedSend send = sendLines.decide(request);
        if (!openPhone.configured()) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "OpenPhone is not configured");
        }
        if (send.clientRef() != null) {
            var existing = Message.findByClientRef(send.clientRef());
            if (existing.isPresent()) {
                return new Queued(MessageView.of(existing.get()), false);
            }
        }
        long recent = Outbox.sentByUserSince(actorId, Instant.now().minus(SEND_LIMIT_WINDOW));
        if (recent >= outbox.sendLimitPerMinute()) {
            throw ApiException.tooManyRequests(
                    "Send limit reached: at most " + outbox.sendLimitPerMinute()
                            + " texts a minute per staff member; try again shortly",
                    SEND_LIMIT_WINDOW.toSeconds());
        }
        Message message = newOutbound(send, actorId, actorName);
        // One statement: conversation (locked: the opt-out check), message, first status, change feed.
        TextInsert.Outcome stored = TextInsert.insert(message, send.to(), send.from(), Conversation.UNKNOWN_NAME, true);
        if (stored.optedOut()) {
            throw optedOut(send.to());
        }
        if (stored.created() == null) {
            // A concurrent request with the same client reference won the insert.
            return new Queued(
                    MessageView.of(Message.findByClientRef(send.clientRef()).orElseThrow()), false);
        }
        long conversationId = message.conversationId;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", message.id);
        details.put("from", send.from());
        details.put("length", send.text().length());
        details.put("userId", actorId);
        if (send.scheduled()) {
            // It joins the conversation's counters and preview when it is released (ScheduledRelease).
            details.put("sendAt", send.sendAt().toString());
            details.put("sendEvenIfReply", send.sendEvenIfReply());
        } else {
            Conversation.countMessage(message, false);
        }
        if (send.markDone()) {
            details.put("markDone", true);
            ConversationEvents.doneBySend(conversationId, message.createdAt, actorId, actorName, message.id);
            Conversation.setInboxStatus(conversationId, InboxStatus.DONE);
        }
        AuditEntry.record(actorName, send.scheduled() ? "message.schedule" : "message.send", send.to(), details);
        changes.fire(stored.created());
        return new Queued(MessageView.of(message), true);
    }

    private Message newOutbound(ValidatedSend send, String actorId, String actorName) {
        Message message = new Message();
        message.setInboxDone = send.markDone();
        message.clientRef = send.clientRef();
        message.direction = MessageDirection.OUTBOUND;
        message.fromNumber = send.from();
        message.toNumber = send.to();
        message.body = send.text();
        message.sentBy = actorName;
        message.sentById = actorId;
        if (send.scheduled()) {
            message.status = MessageStatus.SCHEDULED;
            message.origin = MessageOrigin.SCHEDULED;
            message.sendAt = send.sendAt();
            message.scheduledAt = Message.now();
            message.sendEvenIfReply = send.sendEvenIfReply();
        } else {
            message.status = MessageStatus.QUEUED;
            message.giveUpAt = Instant.now().plus(outbox.retryDeadline());
        }
        return message;
    }

    /** Staff put a failed message back in the queue; audited. */
    @Transactional
    public MessageView retry(long id, String actorId, String actorName) {
        Message message = Message.<Message>findByIdOptional(id)
                .filter(m -> scope.sees(Conversation.<Conversation>findById(m.conversationId).lineNumber))
                .orElseThrow(() -> ApiException.notFound("Message not found"));
        if (message.importId != null) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "This message is imported history and is never sent again; write a new message instead");
        }
        if (message.direction == MessageDirection.OUTBOUND && Conversation.isOptedOut(message.conversationId)) {
            throw optedOut(message.toNumber);
        }
        if (!Outbox.retryFailed(id, Instant.now().plus(outbox.retryDeadline()))) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "Only a failed outbound message can be retried (this one is " + message.status.wire() + ")");
        }
        MessageStatusChange.record(id, MessageStatus.QUEUED, null);
        ConversationEvents.sendRetried(message.conversationId);
        AuditEntry.record(
                actorName,
                "message.retry",
                message.toNumber,
                Map.of("messageId", id, "userId", actorId, "previousError", String.valueOf(message.errorMessage)));
        changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, id, message.conversationId));
        changes.fire(new MessageChanged(MessageChanged.Kind.CREATED, id, message.conversationId));
        Message.getEntityManager().refresh(message);
        return MessageView.of(message);
    }

    private static ApiException optedOut(String customer) {
        return new ApiException(
                Response.Status.CONFLICT,
                customer + " has opted out of texts (replied STOP); " + "nothing can be sent until they text START");
    }
}
