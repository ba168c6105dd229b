package com.clubos.messages.conversation;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.Cursor;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.database.JdbcWork;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.message.MessageRows;
import com.clubos.messages.message.MessageView;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class ConversationService {

    static final String NOT_FOUND = "Conversation not found";
    static final int MAX_NAME_LENGTH = 200;
    /** Notes are few per conversation; the detail view carries the newest ones whole. */
    static final int NOTES_SHOWN = 200;

    private final PhoneNumbers phoneNumbers;
    private final MessagesConfig config;
    private final Event<ConversationChanged> changes;
    private final CurrentScope scope;
    private final ConversationRows rows;
    private final JdbcWork jdbc;

    public ConversationService(
            PhoneNumbers phoneNumbers,
            MessagesConfig config,
            Event<ConversationChanged> changes,
            CurrentScope scope,
            ConversationRows rows,
            JdbcWork jdbc) {
        this.phoneNumbers = phoneNumbers;
        this.config = config;
        this.changes = changes;
        this.scope = scope;
        this.rows = rows;
        this.jdbc = jdbc;
    }

    /** Conversations, most recent activity first, each with its last message and, if asked, its recent ones. */
    public ApiPage<ConversationView> list(
            ConversationFilter filter, Cursor before, int offset, int limit, boolean withMessages) {
        return jdbc.run(connection -> {
            List<ConversationView> page = rows.page(connection, filter, before, offset, limit + 1);
            boolean more = page.size() > limit;
            List<ConversationView> shown = more ? page.subList(0, limit) : page;
            if (withMessages) {
                Map<Long, List<MessageView>> recent = MessageRows.recentFor(
                        connection, shown.stream().map(ConversationView::id).toList(), config.recentMessagesInList());
                shown = shown.stream()
                        .map(c -> c.with(recent.getOrDefault(c.id(), List.of()), null, null))
                        .toList();
            }
            ConversationView last = more ? shown.get(shown.size() - 1) : null;
            return ApiPage.of(shown, last == null ? null : new Cursor(last.lastMessageAt(), last.id()).encode());
        });
    }

    /**
     * One conversation with its newest page of messages and its internal notes; opening it marks it
     * read, as the plan did.
     */
    @Transactional
    public ConversationView open(String phoneNumber, String line, int limit) {
        Conversation conversation = find(phoneNumber, line);
        Conversation.markRead(conversation.phoneNumber, conversation.lineNumber);
        if (conversation.unreadCount > 0) {
            changes.fire(new ConversationChanged(ConversationChanged.Kind.READ, conversation.id));
        }
        List<NoteView> notes = ConversationNote.newest(conversation.id, NOTES_SHOWN).stream()
                .map(NoteView::of)
                .toList();
        return jdbc.run(connection -> {
            List<MessageView> messages = MessageRows.newestPage(connection, conversation.id, null, limit + 1);
            return rows.byId(connection, conversation.id)
                    .orElseThrow(() -> ApiException.notFound(NOT_FOUND))
                    .with(shown(messages, limit), olderCursor(messages, limit), notes);
        });
    }

    /** Messages older than {@code before}, for scrolling back through history; does not mark read. */
    @Transactional
    public ApiPage<MessageView> history(String phoneNumber, String line, Cursor before, int limit) {
        Conversation conversation = find(phoneNumber, line);
        List<MessageView> messages =
                jdbc.run(connection -> MessageRows.newestPage(connection, conversation.id, before, limit + 1));
        return ApiPage.of(shown(messages, limit), olderCursor(messages, limit));
    }

    @Transactional
    public void markRead(String phoneNumber, String line) {
        Conversation conversation = find(phoneNumber, line);
        // Without a line, every conversation with this customer is read, as the plan's page expects.
        Conversation.markRead(conversation.phoneNumber, line == null ? null : conversation.lineNumber);
        changes.fire(new ConversationChanged(ConversationChanged.Kind.READ, conversation.id));
    }

    /** Staff rename a customer; audited. */
    @Transactional
    public ConversationView rename(String phoneNumber, String line, RenameRequest request, String actor) {
        String name = request == null || request.customerName() == null
                ? ""
                : request.customerName().strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("customer_name: must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("customer_name: must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("customer_name: must not contain control characters");
        }
        Conversation conversation = find(phoneNumber, line);
        String previous = conversation.customerName;
        Conversation.rename(conversation.id, name);
        AuditEntry.record(
                actor,
                "conversation.rename",
                conversation.phoneNumber,
                Map.of("from", previous, "to", name, "conversationId", conversation.id));
        changes.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, conversation.id));
        return view(conversation.id);
    }

    /**
     * The conversation as the API shows it, as the caller's transaction now sees it (what the session
     * holds is flushed first): the one mapping of a conversation to its view, shared with the list.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConversationView view(long id) {
        return JdbcWork.inTransaction(connection -> rows.byId(connection, id))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /** Unread messages on the caller's lines: {@code totalUnread} and {@code byLine} (every line they see). */
    @Transactional
    public Map<String, Object> unread() {
        Map<String, Long> byLine = new java.util.LinkedHashMap<>();
        Conversation.unreadByLine().forEach((line, unread) -> {
            if (scope.sees(line)) {
                byLine.put(line, unread);
            }
        });
        return Map.of(
                "totalUnread",
                byLine.values().stream().mapToLong(Long::longValue).sum(),
                "byLine",
                byLine);
    }

    Conversation find(String phoneNumber, String line) {
        return lookup(phoneNumber, line).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /**
     * The conversation with this customer, on {@code line} when given (null means any of the caller's
     * lines: the most recently active). Another line's conversation does not exist for the caller.
     */
    public Optional<Conversation> lookup(String phoneNumber, String line) {
        String customer = normalise(phoneNumber);
        if (line == null) {
            return Conversation.findByCustomer(customer, scope.get());
        }
        String ours = normalise(line);
        return scope.sees(ours) ? Conversation.findByLineAndCustomer(ours, customer) : Optional.empty();
    }

    /** The caller's lines, for list filters. */
    public com.clubos.messages.line.LineScope scope() {
        return scope.get();
    }

    /**
     * Numbers in a path arrive as URL-encoded E.164, bare digits or national format; anything that
     * is not a valid number is looked up as written (short codes), and then simply not found.
     */
    private String normalise(String phoneNumber) {
        return phoneNumbers.toE164(phoneNumber).orElse(phoneNumber.strip());
    }

    /** Fetching one row more than the page tells whether older messages exist. */
    private static List<MessageView> shown(List<MessageView> oldestFirst, int limit) {
        return oldestFirst.subList(Math.max(0, oldestFirst.size() - limit), oldestFirst.size());
    }

    private static String olderCursor(List<MessageView> oldestFirst, int limit) {
        if (oldestFirst.size() <= limit) {
            return null;
        }
        MessageView oldestShown = oldestFirst.get(oldestFirst.size() - limit);
        return new Cursor(oldestShown.createdAt(), oldestShown.id()).encode();
    }
}
