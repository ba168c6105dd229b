package com.clubos.messages.realtime;

import com.clubos.messages.campaign.CampaignProgressed;
import com.clubos.messages.conversation.ConversationChanged;
import com.clubos.messages.conversation.NoteAdded;
import com.clubos.messages.history.ImportProgressed;
import com.clubos.messages.message.MessageChanged;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Writes every message, conversation, note and import change into the change feed, inside the changing transaction. */
@ApplicationScoped
public class ChangeRecorder {

    private final RealtimeConfig config;
    private final ChangeNotifier notifier;
    private final TransactionSynchronizationRegistry transactions;

    public ChangeRecorder(
            RealtimeConfig config, ChangeNotifier notifier, TransactionSynchronizationRegistry transactions) {
        this.config = config;
        this.notifier = notifier;
        this.transactions = transactions;
    }

    void onMessage(@Observes MessageChanged change) {
        if (change.feedSeq() != null) {
            announceAfterCommit(change.feedSeq()); // appended by the statement that stored the message
            return;
        }
        String type = switch (change.kind()) {
            case CREATED -> ChangeEvent.MESSAGE_CREATED;
            case STATUS -> ChangeEvent.MESSAGE_STATUS;
            case UPDATED -> ChangeEvent.MESSAGE_UPDATED;
        };
        announceAfterCommit(ChangeEvent.append(type, change.conversationId(), change.messageId(), null));
    }

    void onConversation(@Observes ConversationChanged change) {
        String type = change.kind() == ConversationChanged.Kind.READ
                ? ChangeEvent.CONVERSATION_READ
                : ChangeEvent.CONVERSATION_UPDATED;
        announceAfterCommit(ChangeEvent.append(type, change.conversationId(), null, null));
    }

    void onNote(@Observes NoteAdded note) {
        announceAfterCommit(ChangeEvent.append(ChangeEvent.NOTE_CREATED, note.conversationId(), null, note.noteId()));
    }

    void onImport(@Observes ImportProgressed progress) {
        announceAfterCommit(ChangeEvent.appendImport(progress.importId()));
    }

    void onCampaign(@Observes CampaignProgressed progress) {
        announceAfterCommit(ChangeEvent.appendCampaign(progress.campaignId()));
    }

    private void announceAfterCommit(long seq) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    notifier.committed(seq);
                }
            }
        });
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        ChangeEvent.deleteBefore(Instant.now().minus(config.retention()));
    }
}
