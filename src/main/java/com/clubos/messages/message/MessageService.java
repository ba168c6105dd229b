package com.clubos.messages.message;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.openphone.OpenPhoneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

@ApplicationScoped
public class MessageService {

    private final OpenPhoneConfig openPhone;

    public MessageService(OpenPhoneConfig openPhone) {
        this.openPhone = openPhone;
    }

    /** What a send request produced: the message, and whether this request created it. */
    public record Queued(MessageView message, boolean created) {
    }

    /**
     * Accepts a send: in one transaction the conversation is created or updated, the message is
     * stored as {@code queued} and the audit entry written. Nothing here waits on OpenPhone; the
     * outbox sends it. The same client reference twice yields the first message, sent once.
     */
    @Transactional
    public Queued queue(ValidatedSend send, String actorId, String actorName) {
        if (!openPhone.configured()) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "OpenPhone is not configured");
        }
        if (send.clientRef() != null) {
            var existing = Message.findByClientRef(send.clientRef());
            if (existing.isPresent()) {
                return new Queued(MessageView.of(existing.get()), false);
            }
        }
        Message message = new Message();
        message.conversationId = Conversation.upsert(send.from(), send.to(), null);
        message.clientRef = send.clientRef();
        message.direction = MessageDirection.OUTBOUND;
        message.fromNumber = send.from();
        message.toNumber = send.to();
        message.body = send.text();
        message.status = MessageStatus.QUEUED;
        message.sentBy = actorName;
        if (!message.insertIfAbsent()) {
            // A concurrent request with the same client reference won the insert.
            return new Queued(MessageView.of(Message.findByClientRef(send.clientRef()).orElseThrow()), false);
        }
        MessageStatusChange.record(message.id, MessageStatus.QUEUED, null);
        Conversation.countMessage(message, false);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", message.id);
        details.put("from", send.from());
        details.put("length", send.text().length());
        details.put("userId", actorId);
        AuditEntry.record(actorName, "message.send", send.to(), details);
        return new Queued(MessageView.of(message), true);
    }
}
