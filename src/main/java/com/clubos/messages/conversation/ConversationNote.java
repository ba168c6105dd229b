package com.clubos.messages.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A staff-only note in a conversation. It lives apart from messages, so the outbox never sees it. */
@Entity
@Table(name = "conversation_notes")
public class ConversationNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The newest {@code limit} notes of a conversation, oldest first. */
    public static List<ConversationNote> newest(long conversationId, int limit) {
        List<ConversationNote> notes =
                new ArrayList<>(find("conversationId = ?1 order by createdAt desc, id desc", conversationId)
                        .page(0, limit)
                        .list());
        Collections.reverse(notes);
        return notes;
    }
}
