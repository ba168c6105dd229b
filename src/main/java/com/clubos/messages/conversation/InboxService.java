package com.clubos.messages.conversation;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.auth.StaffDirectory;
import com.clubos.messages.auth.StaffMember;
import com.clubos.messages.auth.StaffUser;
import com.clubos.messages.message.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shared-inbox workflow on a conversation: who handles it, whether it is done, internal notes. */
@ApplicationScoped
public class InboxService {

    static final int MAX_NOTE_LENGTH = 2000;
    static final String ME = "me";
    static final int MAX_ID_LENGTH = 100;

    private final ConversationService conversations;
    private final StaffDirectory staff;
    private final Event<ConversationChanged> changes;
    private final Event<NoteAdded> notes;

    public InboxService(
            ConversationService conversations,
            StaffDirectory staff,
            Event<ConversationChanged> changes,
            Event<NoteAdded> notes) {
        this.conversations = conversations;
        this.staff = staff;
        this.changes = changes;
        this.notes = notes;
    }

    /** Assigns the conversation to a staff member ("me" for the caller), or unassigns it with null. */
    @Transactional
    public ConversationView assign(String phoneNumber, String line, AssignRequest request, StaffMember actor) {
        if (request == null) {
            throw ApiException.badRequest(
                    "Request body is required: {\"assigneeId\": \"…\"} or {\"assigneeId\": null}");
        }
        String wanted = request.assigneeId() == null || request.assigneeId().isBlank()
                ? null
                : request.assigneeId().strip();
        StaffMember assignee = null;
        if (ME.equalsIgnoreCase(wanted)) {
            assignee = actor;
        } else if (wanted != null) {
            if (wanted.length() > MAX_ID_LENGTH || wanted.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("assigneeId: not a staff id");
            }
            assignee = staff.find(wanted)
                    .orElseThrow(() -> ApiException.badRequest("assigneeId: no staff member " + shorten(wanted)
                            + " (GET /api/messages/staff lists them)"));
        }
        Conversation conversation = conversations.find(phoneNumber, line);
        if (assignee != null && !worksAt(assignee.id(), conversation.lineNumber)) {
            throw ApiException.badRequest("assigneeId: " + assignee.name() + " does not work at "
                    + Labels.line(conversation.lineNumber) + " and could not see this conversation");
        }
        String previous = conversation.assigneeId;
        Conversation.assign(
                conversation.id, assignee == null ? null : assignee.id(), assignee == null ? null : assignee.name());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conversationId", conversation.id);
        details.put("from", previous);
        details.put("to", assignee == null ? null : assignee.id());
        details.put("toName", assignee == null ? null : assignee.name());
        AuditEntry.record(
                actor.name(),
                assignee == null ? "conversation.unassign" : "conversation.assign",
                conversation.phoneNumber,
                details);
        return updated(conversation);
    }

    /** Whether one of our accounts may see the line (ClubOS users' locations are only known from their tokens). */
    private static boolean worksAt(String staffId, String lineNumber) {
        return StaffUser.findByStaffId(staffId)
                .map(account -> account.lines.length == 0
                        || java.util.Arrays.asList(account.lines).contains(lineNumber))
                .orElse(true);
    }

    /** Marks the conversation done or open again; audited. */
    @Transactional
    public ConversationView setStatus(String phoneNumber, String line, InboxStatusRequest request, StaffMember actor) {
        InboxStatus status = InboxStatus.parse(request == null ? null : request.status())
                .orElseThrow(() -> ApiException.badRequest("status: must be \"open\" or \"done\""));
        Conversation conversation = conversations.find(phoneNumber, line);
        if (conversation.inboxStatus == status) {
            return conversations.view(conversation.id);
        }
        Conversation.setInboxStatus(conversation.id, status);
        ConversationEvents.statusChanged(conversation.id, status, Message.now(), actor.id(), actor.name());
        AuditEntry.record(
                actor.name(),
                status == InboxStatus.DONE ? "conversation.done" : "conversation.reopen",
                conversation.phoneNumber,
                Map.of("conversationId", conversation.id));
        return updated(conversation);
    }

    /** Adds a staff-only note; it is pushed to every client and never sent to the customer. */
    @Transactional
    public NoteView addNote(String phoneNumber, String line, NoteRequest request, StaffMember actor) {
        String text =
                request == null || request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("text: must not be blank");
        }
        if (text.length() > MAX_NOTE_LENGTH) {
            throw ApiException.badRequest(
                    "text: must be at most " + MAX_NOTE_LENGTH + " characters (it has " + text.length() + ")");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ApiException.badRequest("text: must not contain control characters");
        }
        Conversation conversation = conversations.find(phoneNumber, line);
        ConversationNote note = new ConversationNote();
        note.conversationId = conversation.id;
        note.authorId = actor.id();
        note.authorName = actor.name();
        note.body = text;
        note.createdAt = Message.now();
        note.persist();
        AuditEntry.record(
                actor.name(),
                "note.add",
                conversation.phoneNumber,
                Map.of("conversationId", conversation.id, "noteId", note.id, "length", text.length()));
        notes.fire(new NoteAdded(note.id, conversation.id));
        return NoteView.of(note);
    }

    private ConversationView updated(Conversation conversation) {
        changes.fire(new ConversationChanged(ConversationChanged.Kind.UPDATED, conversation.id));
        return conversations.view(conversation.id);
    }

    private static String shorten(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }
}
