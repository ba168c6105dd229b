package com.clubos.messages.schedule;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageChanged;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.message.OutboxConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Releases due scheduled messages to the outbox, on every replica, every SCHEDULED_RELEASE_EVERY.
 * The due moment lives in the database and the release is one conditional claim, so a text leaves
 * once however many replicas poll, and a replica killed before or during its time changes nothing:
 * either its release committed (the outbox, with its own reconciliation, has the text) or the row
 * is still {@code scheduled} and the next pass anywhere releases it.
 */
@ApplicationScoped
public class ScheduledRelease {

    static final String OPTED_OUT = "Not sent: the customer opted out (texted STOP)";
    private static final Logger LOG = Logger.getLogger(ScheduledRelease.class);

    private final ScheduleConfig config;
    private final OutboxConfig outbox;
    private final Event<MessageChanged> changes;

    public ScheduledRelease(ScheduleConfig config, OutboxConfig outbox, Event<MessageChanged> changes) {
        this.config = config;
        this.outbox = outbox;
        this.changes = changes;
    }

    @Scheduled(
            every = "${clubos.scheduled.release-every:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            while (releaseDue().size() == config.releaseBatch()) {
                // a full batch: more may be due at once (a bulk of texts set for 9:00)
            }
        } catch (RuntimeException e) {
            // Typically the database is away: the rows stay scheduled and the next pass takes them.
            LOG.warnf("Scheduled messages: release failed, retried on the next pass: %s", e.getMessage());
        }
    }

    /** Releases what is due now, in its own transaction; returns the ids this call released or cancelled. */
    public List<Long> releaseDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Message> released = ScheduledMessages.releaseDue(
                    config.releaseBatch(), Instant.now().plus(outbox.retryDeadline()), OPTED_OUT);
            for (Message message : released) {
                MessageStatusChange.record(message.id, message.status, message.errorMessage);
                if (message.status == MessageStatus.QUEUED) {
                    // It joins the conversation now: counters, preview, and the list's order.
                    Conversation.countMessage(message, false);
                    changes.fire(new MessageChanged(MessageChanged.Kind.CREATED, message.id, message.conversationId));
                } else {
                    changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, message.id, message.conversationId));
                }
            }
            if (!released.isEmpty()) {
                LOG.infof("Released %d scheduled message(s) to the outbox", released.size());
            }
            return released.stream().map(m -> m.id).toList();
        });
    }
}
