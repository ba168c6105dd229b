package com.clubos.messages.template;

import com.clubos.messages.conversation.Conversation;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A snippet staff insert into the composer; its {{placeholders}} are filled per conversation. */
@Entity
@Table(name = "message_templates")
public class MessageTemplate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Every snippet by name; {@code search} matches any part of the name or text, case-insensitively. */
    public static List<MessageTemplate> matching(String search, int limit) {
        if (search == null || search.isBlank()) {
            return find("order by lower(name), id").page(0, limit).list();
        }
        String like = "%" + Conversation.escapeLike(search.strip().toLowerCase()) + "%";
        return find("lower(name) like ?1 escape '!' or lower(body) like ?1 escape '!' order by lower(name), id", like)
                .page(0, limit)
                .list();
    }

    /** Another snippet with this name, ignoring case. */
    public static Optional<MessageTemplate> namedLike(String name, Long exceptId) {
        return exceptId == null
                ? find("lower(name) = ?1", name.toLowerCase()).firstResultOptional()
                : find("lower(name) = ?1 and id <> ?2", name.toLowerCase(), exceptId)
                        .firstResultOptional();
    }
}
