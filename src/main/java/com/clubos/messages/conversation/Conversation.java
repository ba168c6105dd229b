package com.clubos.messages.conversation;

import com.clubos.messages.database.JdbcWork;
import com.clubos.messages.line.LineScope;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageDirection;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer's thread with one of our OpenPhone lines. It holds counters and the last-message
 * preview only; the messages themselves are rows of {@link Message}.
 */
@Entity
@Table(name = "openphone_conversations")
public class Conversation extends PanacheEntityBase {

    public static final String UNKNOWN_NAME = "Unknown";
    private static final int PREVIEW_LENGTH = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "phone_number", nullable = false)
    public String phoneNumber;

    @Column(name = "line_number", nullable = false)
    public String lineNumber;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    @Column(name = "employee_name")
    public String employeeName;

    @Column(name = "unread_count", nullable = false)
    public int unreadCount;

    @Column(name = "last_read_at")
    public Instant lastReadAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "last_message_id", insertable = false, updatable = false)
    public Message lastMessage;

    @Column(name = "last_message_at", nullable = false)
    public Instant lastMessageAt;

    @Column(name = "last_message_text")
    public String lastMessageText;

    @Column(name = "last_message_direction")
    public MessageDirection lastMessageDirection;

    @Column(name = "message_count", nullable = false)
    public int messageCount;

    @Column(name = "inbox_status", nullable = false)
    public InboxStatus inboxStatus;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "assignee_name")
    public String assigneeName;

    /** The customer texted STOP (or a synonym) and has not texted START since: nothing may be sent. */
    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    @Column(name = "opt_out_changed_at")
    public Instant optOutChangedAt;

    /** A text that reads like an opt-out in other words, waiting for staff to confirm or dismiss it. */
    @Column(name = "possible_opt_out_message_id")
    public Long possibleOptOutMessageId;

    @Column(name = "possible_opt_out_text")
    public String possibleOptOutText;

    @Column(name = "possible_opt_out_at")
    public Instant possibleOptOutAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Makes LIKE's metacharacters literal, for a pattern written with {@code escape '!'}. */
    public static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The conversation with this customer; with several of our lines, the most recently active. */
    public static Optional<Conversation> findByCustomer(String phoneNumber) {
        return findByCustomer(phoneNumber, LineScope.EVERY_LINE);
    }

    /** The same, among the lines of {@code scope} only. */
    public static Optional<Conversation> findByCustomer(String phoneNumber, LineScope scope) {
        return withCustomer("from Conversation", phoneNumber, scope, Conversation.class);
    }

    /** The line of {@link #findByCustomer}'s conversation, without loading it. */
    public static Optional<String> lineWithCustomer(String phoneNumber, LineScope scope) {
        return withCustomer("select lineNumber from Conversation", phoneNumber, scope, String.class);
    }

    private static <T> Optional<T> withCustomer(String select, String phoneNumber, LineScope scope, Class<T> type) {
        TypedQuery<T> query = getEntityManager()
                .createQuery(
                        select + " where phoneNumber = :phone"
                                + (scope.everyLine() ? "" : " and lineNumber in :lines")
                                + " order by lastMessageAt desc, id desc",
                        type)
                .setParameter("phone", phoneNumber)
                .setMaxResults(1);
        scope.only().ifPresent(lines -> query.setParameter("lines", lines));
        return query.getResultStream().findFirst();
    }

    public static Optional<Conversation> findByLineAndCustomer(String lineNumber, String phoneNumber) {
        return find("lineNumber = ?1 and phoneNumber = ?2", lineNumber, phoneNumber)
                .firstResultOptional();
    }

    /**
     * The id of the conversation between our line and the customer, created if missing. Safe under
     * any concurrency: PostgreSQL's ON CONFLICT settles which insert wins.
     */
    public static long upsert(String lineNumber, String phoneNumber, String customerName) {
        Number id = (Number) getEntityManager()
                .createNativeQuery("""
                        INSERT INTO openphone_conversations (line_number, phone_number, customer_name)
                        VALUES (:line, :phone, :name)
                        ON CONFLICT (line_number, phone_number)
                        DO UPDATE SET line_number = EXCLUDED.line_number
                        RETURNING id""")
                .setParameter("line", lineNumber)
                .setParameter("phone", phoneNumber)
                .setParameter("name", customerName == null || customerName.isBlank() ? UNKNOWN_NAME : customerName)
                .getSingleResult();
        return id.longValue();
    }

    /**
     * Counts a newly stored message in its conversation in one atomic statement: the counters are
     * incremented by PostgreSQL, and the preview only moves forward in time, so messages arriving
     * out of order leave the newest one as "last". A customer's text reopens a done conversation.
     * Returns whether the conversation holds scheduled texts (which a customer's text may cancel): read by
     * this statement, after the caller's insert locked the row, so a text scheduled and committed while it
     * waited for that lock is seen, and a reply with nothing scheduled costs no further statement.
     */
    public static boolean countMessage(Message message, boolean unread) {
        return JdbcWork.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(COUNT_MESSAGE)) {
                statement.setInt(1, unread ? 1 : 0);
                JdbcWork.setInstant(statement, 2, message.createdAt);
                statement.setLong(3, message.id);
                statement.setString(4, preview(message.body));
                statement.setString(5, message.direction.wire());
                statement.setLong(6, message.conversationId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    private static final String COUNT_MESSAGE = """
            WITH p AS (SELECT ?::int AS unread, ?::timestamptz AS at, ?::bigint AS message_id,
                              ?::text AS preview, ?::text AS direction, ?::bigint AS id)
            UPDATE openphone_conversations c SET
                message_count = message_count + 1,
                unread_count = unread_count + p.unread,
                last_message_id = CASE WHEN p.at >= last_message_at OR last_message_id IS NULL
                    THEN p.message_id ELSE last_message_id END,
                last_message_text = CASE WHEN p.at >= last_message_at OR last_message_id IS NULL
                    THEN p.preview ELSE last_message_text END,
                last_message_direction = CASE WHEN p.at >= last_message_at OR last_message_id IS NULL
                    THEN p.direction ELSE last_message_direction END,
                last_message_at = CASE WHEN last_message_id IS NULL THEN p.at
                    ELSE GREATEST(last_message_at, p.at) END,
                inbox_status = CASE WHEN p.unread = 1 THEN 'open' ELSE inbox_status END,
                updated_at = now()
            FROM p
            WHERE c.id = p.id
            RETURNING EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = p.id AND s.status = 'scheduled')""";

    private static String preview(String body) {
        return body.length() <= PREVIEW_LENGTH ? body : body.substring(0, PREVIEW_LENGTH);
    }

    /**
     * Marks every conversation with this customer read (or only the one on {@code line}). Rows with nothing
     * unread are left alone unless their {@code last_read_at} is a minute old: a thread open in several
     * browsers is re-read all the time, and each write would be a commit (an fsync) and a row lock that
     * every other open of it waits for.
     */
    public static int markRead(String phoneNumber, String lineNumber) {
        Instant now = Message.now();
        String query = "unreadCount = 0, lastReadAt = :now where phoneNumber = :phone"
                + " and (unreadCount > 0 or lastReadAt is null or lastReadAt < :aMinuteAgo)";
        Parameters parameters =
                Parameters.with("now", now).and("phone", phoneNumber).and("aMinuteAgo", now.minusSeconds(60));
        if (lineNumber != null) {
            query += " and lineNumber = :line";
            parameters.and("line", lineNumber);
        }
        return update(query, parameters);
    }

    public static int rename(long id, String customerName) {
        return update("customerName = ?1, updatedAt = ?2 where id = ?3", customerName, Message.now(), id);
    }

    /** Gives a name to this customer's conversations that have none yet ("Unknown"). */
    public static int nameIfUnknown(String phoneNumber, String customerName) {
        return update(
                "customerName = ?1, updatedAt = ?2 where phoneNumber = ?3 and customerName = ?4",
                customerName,
                Message.now(),
                phoneNumber,
                UNKNOWN_NAME);
    }

    public static int assign(long id, String assigneeId, String assigneeName) {
        return update(
                "assigneeId = ?1, assigneeName = ?2, updatedAt = ?3 where id = ?4",
                assigneeId,
                assigneeName,
                Message.now(),
                id);
    }

    public static int setInboxStatus(long id, InboxStatus status) {
        return update("inboxStatus = ?1, updatedAt = ?2 where id = ?3", status, Message.now(), id);
    }

    /**
     * Records a STOP ({@code optedOut}) or START from the customer's message sent at {@code at}, unless
     * a newer keyword message already decided, so a late or replayed webhook cannot undo a newer
     * choice. Says whether it applied (the state may have been the same already).
     */
    public static boolean applyOptOut(long id, boolean optedOut, Instant at, long messageId) {
        return getEntityManager()
                        .createNativeQuery("""
                        UPDATE openphone_conversations SET opted_out = :optedOut, opt_out_changed_at = :at,
                            opt_out_message_id = :messageId, updated_at = now()
                        WHERE id = :id AND (opt_out_changed_at IS NULL OR opt_out_changed_at < :at)""")
                        .setParameter("optedOut", optedOut)
                        .setParameter("at", at)
                        .setParameter("messageId", messageId)
                        .setParameter("id", id)
                        .executeUpdate()
                == 1;
    }

    /**
     * Whether the customer opted out, with the conversation's row locked until commit, so a STOP being
     * applied at the same moment is either seen here or sees what this transaction queues.
     */
    public static boolean isOptedOut(long id) {
        Object optedOut = getEntityManager()
                .createNativeQuery("SELECT opted_out FROM openphone_conversations WHERE id = :id FOR UPDATE")
                .setParameter("id", id)
                .getSingleResult();
        return Boolean.TRUE.equals(optedOut);
    }

    /** Unread messages per line (lines with none are left out). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Long> unreadByLine() {
        java.util.Map<String, Long> byLine = new java.util.LinkedHashMap<>();
        for (Object[] row : (java.util.List<Object[]>)
                getEntityManager().createNativeQuery("""
                        SELECT line_number, sum(unread_count) FROM openphone_conversations
                        WHERE unread_count > 0 GROUP BY line_number""").getResultList()) {
            byLine.put((String) row[0], ((Number) row[1]).longValue());
        }
        return byLine;
    }
}
