package com.clubos.messages.message;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One entry of a message's append-only status history. */
@Entity
@Table(name = "message_status")
public class MessageStatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public Long messageId;

    @Column(nullable = false)
    public MessageStatus status;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /**
     * Appends a status to the message's history: one plain INSERT (an entity persist with an identity key
     * was a fifth of a webhook's CPU in the profile of issue 19).
     */
    public static void record(long messageId, MessageStatus status, String errorMessage) {
        getEntityManager()
                .createNativeQuery("""
                        INSERT INTO message_status (message_id, status, error_message, occurred_at)
                        VALUES (:message, :status, :error, :at)""")
                .setParameter("message", messageId)
                .setParameter("status", status.wire())
                .setParameter("error", errorMessage)
                .setParameter("at", Message.now())
                .executeUpdate();
    }

    public static List<MessageStatusChange> historyOf(long messageId) {
        return list("messageId = ?1 order by occurredAt, id", messageId);
    }
}
