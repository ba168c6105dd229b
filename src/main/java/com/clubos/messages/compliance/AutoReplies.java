package com.clubos.messages.compliance;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageChanged;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageOrigin;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.message.OutboxConfig;
import com.clubos.messages.message.SendValidator;
import com.clubos.messages.message.TextGateway;
import com.clubos.messages.template.TemplatesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The texts the service sends by itself (origin {@code auto}): the opt-out confirmation and the HELP
 * answer. Each is queued in the transaction that handled the customer's text, under a client reference
 * made from that text's id, so a duplicated or replayed webhook can never queue a second one. The
 * audit log keeps what staff do; these are traceable through the message (origin, client reference)
 * and the audit entry of the opt-out that caused them. The outbox sends {@code auto} texts even to an
 * opted-out customer: the confirmation is the one text
 * allowed after a revocation, and a HELP question is answered whatever the state.
 */
@ApplicationScoped
public class AutoReplies {

    public enum Kind {
        OPT_OUT_CONFIRMATION("optout"),
        HELP("help");

        final String ref;

        Kind(String ref) {
            this.ref = ref;
        }
    }

    private final ComplianceConfig config;
    private final TemplatesConfig templates;
    private final LineDirectory lines;
    private final TextGateway gateway;
    private final OutboxConfig outbox;
    private final Event<MessageChanged> changes;

    public AutoReplies(
            ComplianceConfig config,
            TemplatesConfig templates,
            LineDirectory lines,
            TextGateway gateway,
            OutboxConfig outbox,
            Event<MessageChanged> changes) {
        this.config = config;
        this.templates = templates;
        this.lines = lines;
        this.gateway = gateway;
        this.outbox = outbox;
        this.changes = changes;
    }

    /** The customer's opt-out (a STOP, or staff confirming their words) just took effect. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void optedOut(long conversationId, Message cause) {
        if (config.optOutConfirmationEnabled()) {
            queue(
                    conversationId,
                    cause,
                    Kind.OPT_OUT_CONFIRMATION,
                    textOr(config.optOutConfirmation(), ComplianceConfig.DEFAULT_OPT_OUT_CONFIRMATION));
        }
    }

    /** The customer texted HELP or INFO. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void help(Message question) {
        if (config.helpReplyEnabled()) {
            queue(
                    question.conversationId,
                    question,
                    Kind.HELP,
                    textOr(config.helpReply(), ComplianceConfig.DEFAULT_HELP_REPLY));
        }
    }

    private static String textOr(java.util.Optional<String> configured, String builtIn) {
        return configured.map(String::strip).filter(t -> !t.isEmpty()).orElse(builtIn);
    }

    private void queue(long conversationId, Message cause, Kind kind, String template) {
        if (!gateway.configured()) {
            return; // nothing could send it; a reply days later, once configured, would make no sense
        }
        Message reply = new Message();
        reply.conversationId = conversationId;
        reply.clientRef = "auto:" + kind.ref + ":" + cause.id;
        reply.direction = MessageDirection.OUTBOUND;
        reply.origin = MessageOrigin.AUTO;
        reply.fromNumber = cause.toNumber;
        reply.toNumber = cause.fromNumber;
        reply.body = fill(template, cause.toNumber);
        reply.status = MessageStatus.QUEUED;
        reply.sentBy = "Automatic reply";
        reply.giveUpAt = Instant.now().plus(outbox.retryDeadline());
        if (!reply.insertIfAbsent()) {
            return; // already queued for this text
        }
        MessageStatusChange.record(reply.id, MessageStatus.QUEUED, null);
        Conversation.countMessage(reply, false);
        changes.fire(new MessageChanged(MessageChanged.Kind.CREATED, reply.id, conversationId));
    }

    /** {{club}} becomes CLUB_NAME, else the line's location name; cut to what one text may hold. */
    String fill(String template, String line) {
        String club = templates
                .clubName()
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .orElseGet(() -> lines.nameOf(line));
        String text = template.replace("{{club}}", club).strip();
        return text.length() <= SendValidator.MAX_TEXT_LENGTH ? text : text.substring(0, SendValidator.MAX_TEXT_LENGTH);
    }
}
