package com.clubos.messages.openphone;

import com.clubos.messages.database.JdbcWork;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An accepted OpenPhone webhook event, kept once per event id for deduplication, audit and replay. */
@Entity
@Table(name = "webhook_events")
public class WebhookEventLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String type;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> payload;

    /**
     * Records the event unless it was recorded before, and says whether this call recorded it.
     * Concurrent deliveries of one event wait on each other here; only one goes on.
     */
    public static boolean recordOnce(String eventId, String type, String payloadJson) {
        return JdbcWork.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO webhook_events (event_id, type, payload)
                    VALUES (?, ?, CAST(? AS jsonb))
                    ON CONFLICT (event_id) DO NOTHING""")) {
                statement.setString(1, eventId);
                statement.setString(2, type);
                statement.setString(3, payloadJson);
                return statement.executeUpdate() == 1;
            }
        });
    }

    public static long deleteReceivedBefore(Instant cutoff) {
        return delete("receivedAt < ?1", cutoff);
    }
}
