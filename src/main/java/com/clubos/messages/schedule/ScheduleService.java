package com.clubos.messages.schedule;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.Cursor;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageChanged;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.message.MessageView;
import com.clubos.messages.message.SendValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scheduled messages after they are written (POST /send with sendAt writes them): the list, edits and
 * cancels by staff, and the cancels the customer causes by texting first or opting out.
 */
@ApplicationScoped
public class ScheduleService {

    public static final String CUSTOMER_REPLIED = "customer replied first";

    private final CurrentScope scope;
    private final LineDirectory lines;
    private final SendTimes sendTimes;
    private final Event<MessageChanged> changes;

    public ScheduleService(
            CurrentScope scope, LineDirectory lines, SendTimes sendTimes, Event<MessageChanged> changes) {
        this.scope = scope;
        this.lines = lines;
        this.sendTimes = sendTimes;
        this.changes = changes;
    }

    /** Scheduled messages the caller may see, soonest first, optionally of one line or conversation. */
    @Transactional
    public ApiPage<ScheduledView> list(String line, Long conversationId, Cursor after, int limit) {
        List<String> visible = scope.get().only().map(List::copyOf).orElse(null);
        if (line != null) {
            visible = visible == null || visible.contains(line) ? List.of(line) : List.of();
        }
        List<Message> page = visible != null && visible.isEmpty()
                ? List.of()
                : ScheduledMessages.page(visible, conversationId, after, limit + 1);
        String next =
                page.size() > limit ? new Cursor(page.get(limit - 1).sendAt, page.get(limit - 1).id).encode() : null;
        List<Message> shown = page.subList(0, Math.min(limit, page.size()));
        Map<Long, Conversation> conversations = shown.isEmpty()
                ? Map.of()
                : Conversation.<Conversation>list(
                                "id in ?1",
                                shown.stream()
                                        .map(m -> m.conversationId)
                                        .distinct()
                                        .toList())
                        .stream()
                        .collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<ScheduledView> views = new ArrayList<>();
        for (Message m : shown) {
            Conversation c = conversations.get(m.conversationId);
            views.add(new ScheduledView(MessageView.of(m), c.customerName, lines.nameOf(c.lineNumber)));
        }
        return ApiPage.of(views, next);
    }

    /** Changes a still-scheduled message's text, time or reply rule; 409 once it has left or was cancelled. */
    @Transactional
    public MessageView update(long id, UpdateScheduledRequest request, String actorId, String actorName) {
        if (request == null
                || (request.text() == null && request.sendAt() == null && request.sendEvenIfReply() == null)) {
            throw ApiException.badRequest("Give at least one of text, sendAt, sendEvenIfReply");
        }
        List<String> problems = new ArrayList<>();
        if (request.text() != null) {
            SendValidator.textProblem(request.text()).ifPresent(problems::add);
        }
        Instant sendAt = null;
        if (request.sendAt() != null) {
            var parsed = sendTimes.parse(request.sendAt(), Instant.now());
            if (parsed.isEmpty()) {
                problems.add("sendAt: must not be blank");
            } else if (parsed.get().problem() != null) {
                problems.add(parsed.get().problem());
            } else {
                sendAt = parsed.get().at();
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        Message message = lockScheduled(id, "edited");
        List<String> changed = new ArrayList<>();
        if (request.text() != null && !request.text().equals(message.body)) {
            message.body = request.text();
            changed.add("text");
        }
        if (sendAt != null && !sendAt.equals(message.sendAt)) {
            message.sendAt = sendAt;
            changed.add("sendAt");
        }
        if (request.sendEvenIfReply() != null && request.sendEvenIfReply() != message.sendEvenIfReply) {
            message.sendEvenIfReply = request.sendEvenIfReply();
            changed.add("sendEvenIfReply");
        }
        if (!changed.isEmpty()) {
            message.updatedAt = Message.now();
            message.flush();
            Map<String, Object> details = details(message, actorId);
            details.put("changed", changed);
            AuditEntry.record(actorName, "message.schedule.update", message.toNumber, details);
            changes.fire(new MessageChanged(MessageChanged.Kind.UPDATED, message.id, message.conversationId));
        }
        return MessageView.of(message);
    }

    /** Staff cancel a still-scheduled message; 409 once it has left or was cancelled. */
    @Transactional
    public MessageView cancel(long id, String actorId, String actorName) {
        Message message = lockScheduled(id, "cancelled");
        message.status = MessageStatus.CANCELLED;
        message.errorMessage = "Cancelled by " + actorName;
        message.updatedAt = Message.now();
        message.flush();
        MessageStatusChange.record(message.id, MessageStatus.CANCELLED, message.errorMessage);
        AuditEntry.record(actorName, "message.schedule.cancel", message.toNumber, details(message, actorId));
        changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, message.id, message.conversationId));
        return MessageView.of(message);
    }

    /**
     * A customer's text, in the transaction that stores it: their conversation's scheduled messages
     * written before it are cancelled, unless scheduled to go out even if they reply. A duplicate
     * webhook stores nothing and so never gets here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerTexted(Message inbound) {
        if (inbound.direction != MessageDirection.INBOUND) {
            return;
        }
        for (Number cancelled :
                ScheduledMessages.cancelOnReply(inbound.conversationId, inbound.createdAt, CUSTOMER_REPLIED)) {
            recordCancelled(cancelled.longValue(), inbound.conversationId, CUSTOMER_REPLIED);
        }
    }

    /** The customer opted out: every scheduled message of the conversation is cancelled, whatever its rule. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int customerOptedOut(long conversationId, String reason) {
        List<Number> cancelled = ScheduledMessages.cancelAll(conversationId, reason);
        for (Number id : cancelled) {
            recordCancelled(id.longValue(), conversationId, reason);
        }
        return cancelled.size();
    }

    private void recordCancelled(long messageId, long conversationId, String reason) {
        MessageStatusChange.record(messageId, MessageStatus.CANCELLED, reason);
        changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, messageId, conversationId));
    }

    /** The message, row-locked, if the caller sees it (else 404) and it is still scheduled (else 409). */
    private Message lockScheduled(long id, String verb) {
        Message message = Message.<Message>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(m -> scope.sees(Conversation.<Conversation>findById(m.conversationId).lineNumber))
                .orElseThrow(() -> ApiException.notFound("Message not found"));
        if (message.status != MessageStatus.SCHEDULED) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "Only a scheduled message can be " + verb + " (this one is " + message.status.wire() + ")");
        }
        return message;
    }

    private static Map<String, Object> details(Message message, String actorId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", message.id);
        details.put("sendAt", message.sendAt.toString());
        details.put("length", message.body.length());
        details.put("userId", actorId);
        return details;
    }
}
