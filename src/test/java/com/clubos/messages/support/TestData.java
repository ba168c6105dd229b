package com.clubos.messages.support;

import com.clubos.messages.auth.StaffDirectory;
import com.clubos.messages.auth.StaffSessions;
import com.clubos.messages.auth.StaffUser;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageIngestion;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Puts the database into known states for tests, through the same entities the service uses. */
@ApplicationScoped
public class TestData {

    public static final String LINE = "+19025550100";

    private final EntityManager em;
    private final MessageIngestion ingestion;
    private final StaffDirectory staffDirectory;
    private final StaffSessions staffSessions;
    private final LineDirectory lines;

    public TestData(
            EntityManager em,
            MessageIngestion ingestion,
            StaffDirectory staffDirectory,
            StaffSessions staffSessions,
            LineDirectory lines) {
        this.lines = lines;
        this.em = em;
        this.ingestion = ingestion;
        this.staffDirectory = staffDirectory;
        this.staffSessions = staffSessions;
    }

    public void reset() {
        truncate();
        // Account ids restart at 1: what was cached about an earlier "staff-1" must not stick to a new one.
        staffSessions.forget(null);
        lines.loadStored(); // back to the configured lines only (after the truncation committed)
    }

    @Transactional
    void truncate() {
        em.createNativeQuery("TRUNCATE openphone_conversations, messages, message_status, audit_log, staff_users, "
                        + "webhook_events, message_templates, conversation_notes, staff_seen, setup_codes, openphone_lines, "
                        + "history_imports, history_import_errors, history_import_conversations, history_legacy_rows, "
                        + "campaigns, campaign_recipients "
                        + "RESTART IDENTITY CASCADE")
                .executeUpdate();
        em.createNativeQuery("UPDATE openphone_rate_limit SET next_slot = now(), interactive_until = 'epoch'")
                .executeUpdate();
        staffDirectory.forget();
        // The change feed keeps its sequence, as in production: listeners and clients remember it.
        em.createNativeQuery("TRUNCATE change_events").executeUpdate();
    }

    @Transactional
    public long conversation(String customer, String name) {
        return Conversation.upsert(LINE, customer, name);
    }

    /** Stores a message the way ingestion does: the row, its first status, the conversation counters. */
    @Transactional
    public long message(String customer, MessageDirection direction, String text, Instant at, boolean unread) {
        return message(
                customer,
                direction,
                text,
                at,
                unread,
                direction == MessageDirection.INBOUND ? MessageStatus.RECEIVED : MessageStatus.DELIVERED,
                null);
    }

    @Transactional
    public long message(
            String customer,
            MessageDirection direction,
            String text,
            Instant at,
            boolean unread,
            MessageStatus status,
            String openphoneId) {
        return message(LINE, customer, direction, text, at, unread, status, openphoneId);
    }

    /** The same on one of our other lines. */
    @Transactional
    public long message(
            String line,
            String customer,
            MessageDirection direction,
            String text,
            Instant at,
            boolean unread,
            MessageStatus status,
            String openphoneId) {
        Message message = new Message();
        message.conversationId = Conversation.upsert(line, customer, null);
        message.direction = direction;
        message.fromNumber = direction == MessageDirection.INBOUND ? customer : line;
        message.toNumber = direction == MessageDirection.INBOUND ? line : customer;
        message.body = text;
        message.status = status;
        message.openphoneId = openphoneId;
        message.createdAt = at;
        message.insertIfAbsent();
        MessageStatusChange.record(message.id, message.status, null);
        Conversation.countMessage(message, unread);
        return message.id;
    }

    /** An outbound message of ours as the outbox leaves it after OpenPhone accepted it. */
    @Transactional
    public long sent(String customer, String text, String openphoneId) {
        return message(
                customer, MessageDirection.OUTBOUND, text, Message.now(), false, MessageStatus.SENT, openphoneId);
    }

    @Transactional
    public boolean advance(long messageId, MessageStatus status) {
        return Message.advanceStatus(messageId, status, null);
    }

    /** Moves a message on the way the service does, change event included. */
    @Transactional
    public boolean advanceAndPublish(long messageId, MessageStatus status) {
        return ingestion.advance(Message.findById(messageId), status, null);
    }

    public long inbound(String customer, String text, Instant at) {
        return message(customer, MessageDirection.INBOUND, text, at, true);
    }

    /** An unread customer text to one of our lines. */
    public long inbound(String line, String customer, String text, Instant at) {
        return message(line, customer, MessageDirection.INBOUND, text, at, true, MessageStatus.RECEIVED, null);
    }

    @Transactional
    public void staff(String username, String password, String role) {
        StaffUser.createIfMissing(username, "Staff " + username, role, password);
    }

    @Transactional
    public long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Transactional
    public int execute(String sql) {
        return em.createNativeQuery(sql).executeUpdate();
    }

    @Transactional
    public Object single(String sql) {
        return em.createNativeQuery(sql).getSingleResult();
    }
}
