package com.clubos.messages.report;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationEvents;
import com.clubos.messages.conversation.InboxStatus;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageOrigin;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.support.OpenPhoneWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Report fixtures at known times. Customers' texts and texts staff sent from OpenPhone's app arrive as
 * OpenPhone's webhooks (they carry createdAt). Our staff's texts and done marks are written the way the
 * service writes them (the send's row and counters; the done mark's event and status), at a chosen time,
 * since the API stamps them with the present.
 */
@ApplicationScoped
public class ReportSeed {

    /** A customer's text through the webhook. */
    public void customer(String line, String customer, String text, Instant at) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(), OpenPhoneWebhooks.newMessageId(), customer, line, text, at))
                .then()
                .statusCode(200);
    }

    /** A text staff sent from OpenPhone's own app: its delivery webhook (no staff id, no origin). */
    public void fromOpenPhoneApp(String line, String customer, String text, Instant at) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.delivered(
                        OpenPhoneWebhooks.newEventId(), OpenPhoneWebhooks.newMessageId(), line, customer, text, at))
                .then()
                .statusCode(200);
    }

    /** A staff member's text from this service, sent at {@code at}. */
    @Transactional
    public long staff(
            String line, String customer, Instant at, String staffId, String staffName, MessageStatus status) {
        return outbound(line, customer, "Staff answer", at, staffId, staffName, status, null);
    }

    /** An automatic, scheduled or campaign text. */
    @Transactional
    public long automatic(String line, String customer, Instant at, MessageOrigin origin) {
        return outbound(line, customer, "Automatic text", at, null, null, MessageStatus.DELIVERED, origin);
    }

    /** Marked done by a staff member at {@code at}, as the inbox does it. */
    @Transactional
    public void done(String line, String customer, Instant at, String staffId, String staffName) {
        long id = Conversation.upsert(line, customer, null);
        Conversation.setInboxStatus(id, InboxStatus.DONE);
        ConversationEvents.statusChanged(id, InboxStatus.DONE, at, staffId, staffName);
    }

    private long outbound(
            String line,
            String customer,
            String text,
            Instant at,
            String staffId,
            String staffName,
            MessageStatus status,
            MessageOrigin origin) {
        Message message = new Message();
        message.conversationId = Conversation.upsert(line, customer, null);
        message.direction = MessageDirection.OUTBOUND;
        message.fromNumber = line;
        message.toNumber = customer;
        message.body = text;
        message.status = status;
        message.sentById = staffId;
        message.sentBy = staffName;
        message.createdAt = at;
        message.insertIfAbsent();
        if (origin != null) {
            Message.update("origin = ?1 where id = ?2", origin, message.id);
        }
        MessageStatusChange.record(message.id, status, null);
        Conversation.countMessage(message, false);
        return message.id;
    }
}
