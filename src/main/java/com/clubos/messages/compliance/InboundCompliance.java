package com.clubos.messages.compliance;

import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationChanged;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.OptOutKeywords;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * What a customer's text means beyond STOP/START (message/OptOuts handles those), in the transaction
 * that stores it: HELP or INFO is answered; a text that reads like an opt-out in other words is
 * flagged for staff; a STOP or START clears any flag, as the customer has now said it plainly.
 */
@ApplicationScoped
public class InboundCompliance {

    private static final int FLAG_TEXT_LENGTH = 200;

    private final ComplianceConfig config;
    private final AutoReplies autoReplies;
    private final Event<ConversationChanged> conversationChanges;

    public InboundCompliance(
            ComplianceConfig config, AutoReplies autoReplies, Event<ConversationChanged> conversationChanges) {
        this.config = config;
        this.autoReplies = autoReplies;
        this.conversationChanges = conversationChanges;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onInbound(Message inbound) {
        if (inbound.direction != MessageDirection.INBOUND) {
            return;
        }
        var keyword = OptOutKeywords.of(inbound.body);
        if (keyword.isPresent() && keyword.get() == OptOutKeywords.Choice.HELP) {
            autoReplies.help(inbound);
        } else if (OptOutKeywords.isOptOutOrIn(keyword)) {
            if (PossibleOptOutFlags.clear(inbound.conversationId) > 0) {
                conversationChanges.fire(
                        new ConversationChanged(ConversationChanged.Kind.UPDATED, inbound.conversationId));
            }
        } else if (config.flagPossibleOptOuts()
                && RevocationPhrases.looksLikeRevocation(inbound.body)
                && !Conversation.isOptedOut(inbound.conversationId)) {
            flag(inbound);
        }
    }

    private void flag(Message inbound) {
        String text = inbound.body.strip();
        if (text.length() > FLAG_TEXT_LENGTH) {
            text = text.substring(0, FLAG_TEXT_LENGTH);
        }
        if (PossibleOptOutFlags.flag(inbound.conversationId, inbound.id, text, inbound.createdAt) == 0) {
            return; // a newer flagged text is already waiting
        }
        AuditEntry.record(
                inbound.fromNumber,
                "optout.possible",
                inbound.fromNumber,
                Map.of("conversationId", inbound.conversationId, "messageId", inbound.id));
        conversationChanges.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, inbound.conversationId));
    }

    /** The SQL of the flag on the conversation. */
    static final class PossibleOptOutFlags {

        private PossibleOptOutFlags() {}

        /** Flags the text unless a newer one is flagged already (late webhooks); returns rows changed. */
        static int flag(long conversationId, long messageId, String text, java.time.Instant at) {
            return Panache.getEntityManager()
                    .createNativeQuery("""
                            UPDATE openphone_conversations SET possible_opt_out_message_id = :message,
                                possible_opt_out_text = :text, possible_opt_out_at = :at, updated_at = now()
                            WHERE id = :id AND (possible_opt_out_at IS NULL OR possible_opt_out_at < :at)""")
                    .setParameter("message", messageId)
                    .setParameter("text", text)
                    .setParameter("at", at)
                    .setParameter("id", conversationId)
                    .executeUpdate();
        }

        /** Clears whatever is flagged; returns rows changed. */
        static int clear(long conversationId) {
            return Panache.getEntityManager()
                    .createNativeQuery("""
                            UPDATE openphone_conversations SET possible_opt_out_message_id = NULL,
                                possible_opt_out_text = NULL, possible_opt_out_at = NULL, updated_at = now()
                            WHERE id = :id AND possible_opt_out_message_id IS NOT NULL""")
                    .setParameter("id", conversationId)
                    .executeUpdate();
        }

        /** Clears the flag if it is still that text (staff acted on what they saw); returns rows changed. */
        static int clear(long conversationId, long messageId) {
            return Panache.getEntityManager()
                    .createNativeQuery("""
                            UPDATE openphone_conversations SET possible_opt_out_message_id = NULL,
                                possible_opt_out_text = NULL, possible_opt_out_at = NULL, updated_at = now()
                            WHERE id = :id AND possible_opt_out_message_id = :message""")
                    .setParameter("id", conversationId)
                    .setParameter("message", messageId)
                    .executeUpdate();
        }
    }
}
