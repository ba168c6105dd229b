package com.clubos.messages.history;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.openphone.OpenPhoneConversation;
import com.clubos.messages.openphone.OpenPhoneConversationPage;
import com.clubos.messages.openphone.OpenPhoneMessage;
import com.clubos.messages.openphone.OpenPhoneMessagePage;
import com.clubos.messages.openphone.OpenPhoneNumber;
import com.clubos.messages.phone.PhoneNumbers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Backfills from OpenPhone: lists the workspace's lines, then its conversations (paged, only those
 * active since {@code since}), keeping each in {@code history_import_conversations}; then reads each
 * conversation's messages page by page, writing every page with the next page token. Every call is a
 * bulk call through the shared rate limiter, so staff sends go first.
 */
@ApplicationScoped
class OpenPhoneBackfill {

    private static final String PHASE = "phase";
    private static final String LISTING = "conversations";
    private static final String READING = "messages";
    private static final int PENDING_PAGE = 200;
    /** OpenPhone ids are short ({@code AC…}, {@code CN…}, {@code PN…}); the columns hold 64 characters. */
    private static final int MAX_ID = 64;

    private final OpenPhoneCalls calls;
    private final PhoneNumbers phones;
    private final EntityManager em;

    OpenPhoneBackfill(OpenPhoneCalls calls, PhoneNumbers phones, EntityManager em) {
        this.calls = calls;
        this.phones = phones;
        this.em = em;
    }

    void run(ImportJob job) throws Exception {
        if (!READING.equals(job.checkpoint.get(PHASE))) {
            list(job, lines(job));
        }
        read(job);
    }

    /** Our lines by OpenPhone id ({@code PN…} → E.164). */
    private Map<String, String> lines(ImportJob job) throws Exception {
        List<OpenPhoneNumber> numbers = calls.required(
                job, "GET /v1/phone-numbers", c -> c.phoneNumbers().data());
        Map<String, String> lines = new HashMap<>();
        for (OpenPhoneNumber number : numbers == null ? List.<OpenPhoneNumber>of() : numbers) {
            phones.toE164(number.number()).ifPresent(e164 -> lines.put(number.id(), e164));
        }
        return lines;
    }

    private void list(ImportJob job, Map<String, String> lines) throws Exception {
        String token = (String) job.checkpoint.get("pageToken");
        int listed = job.checkpoint.get("listed") instanceof Number n ? n.intValue() : 0;
        String since = job.since == null ? null : job.since.toString();
        int pageSize = pageSize(job);
        HistoryBatch batch = new HistoryBatch();
        do {
            String pageToken = token;
            OpenPhoneConversationPage page =
                    calls.required(job, "GET /v1/conversations", c -> c.conversations(pageSize, pageToken, since));
            for (OpenPhoneConversation conversation : page.data()) {
                if (conversation.deletedAt() != null) {
                    continue;
                }
                batch.conversationsFound++;
                String ref = "conversation " + conversation.id();
                String line = lines.get(conversation.phoneNumberId());
                List<String> customers = conversation.participants().stream()
                        .map(phones::toE164)
                        .flatMap(Optional::stream)
                        .distinct()
                        .toList();
                if (tooLong(conversation.id()) || tooLong(conversation.phoneNumberId())) {
                    batch.conversationsDone++;
                    batch.problem(ref, "left out: its id or line id is longer than " + MAX_ID + " characters");
                } else if (line == null) {
                    batch.conversationsDone++;
                    batch.problem(
                            ref,
                            "left out: its line " + conversation.phoneNumberId()
                                    + " is not among GET /v1/phone-numbers");
                } else if (customers.size() != 1 || conversation.participants().size() != 1) {
                    batch.conversationsDone++;
                    batch.problem(
                            ref,
                            "left out: " + conversation.participants().size()
                                    + " participants (only one-to-one conversations with a valid number are imported)");
                } else {
                    batch.listed.add(new HistoryBatch.ListedConversation(
                            listed++,
                            conversation.id(),
                            conversation.phoneNumberId(),
                            line,
                            customers.get(0),
                            name(conversation.name())));
                }
            }
            token = page.hasMore() ? page.nextPageToken() : null;
            Map<String, Object> checkpoint = new HashMap<>();
            checkpoint.put(PHASE, token == null ? READING : LISTING);
            checkpoint.put("pageToken", token);
            checkpoint.put("listed", listed);
            batch.checkpoint = checkpoint;
            job.commit(batch);
        } while (token != null);
    }

    /** Reads the listed conversations' messages, {@code HISTORY_OPENPHONE_CONCURRENCY} at a time. */
    private void read(ImportJob job) throws Exception {
        PendingQueue queue = new PendingQueue(job.id);
        int workers = Math.max(1, job.config().openphoneConcurrency());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "history-backfill-" + job.id));
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    for (BackfillConversations.Pending next = queue.next(); next != null; next = queue.next()) {
                        readConversation(job, next);
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : running) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Hands out the conversations still to read, loading them a page at a time. */
    private final class PendingQueue {
        private final long importId;
        private final List<BackfillConversations.Pending> loaded = new ArrayList<>();
        private int after = -1;
        private boolean exhausted;

        PendingQueue(long importId) {
            this.importId = importId;
        }

        synchronized BackfillConversations.Pending next() {
            if (loaded.isEmpty() && !exhausted) {
                loaded.addAll(QuarkusTransaction.requiringNew()
                        .call(() -> BackfillConversations.pending(em, importId, after, PENDING_PAGE)));
                exhausted = loaded.size() < PENDING_PAGE;
            }
            if (loaded.isEmpty()) {
                return null;
            }
            BackfillConversations.Pending next = loaded.remove(0);
            after = next.position();
            return next;
        }
    }

    private void readConversation(ImportJob job, BackfillConversations.Pending conversation) throws Exception {
        String token = conversation.pageToken();
        String since = job.since == null ? null : job.since.toString();
        String call = "GET /v1/messages " + conversation.openphoneId();
        HistoryBatch.ConversationInfo info = new HistoryBatch.ConversationInfo(
                conversation.line(),
                conversation.participant(),
                conversation.name() == null ? Conversation.UNKNOWN_NAME : conversation.name(),
                null,
                null,
                false);
        HistoryBatch batch = new HistoryBatch();
        boolean more;
        do {
            String pageToken = token;
            Optional<OpenPhoneMessagePage> page = calls.optional(
                    job,
                    call,
                    c -> c.messages(
                            conversation.phoneNumberId(),
                            List.of(conversation.participant()),
                            pageSize(job),
                            pageToken,
                            since),
                    batch);
            if (page.isPresent()) {
                page.get().data().forEach(message -> add(batch, info, message, call));
                more = page.get().hasMore();
                token = more ? page.get().nextPageToken() : null;
            } else {
                more = false; // refused: recorded as a problem, the rest goes on
            }
            batch.step = new HistoryBatch.BackfillStep(conversation.position(), token, !more);
            if (!more) {
                batch.conversationsDone++;
            }
            job.commit(batch);
        } while (more);
    }

    private static void add(
            HistoryBatch batch, HistoryBatch.ConversationInfo info, OpenPhoneMessage message, String call) {
        String ref = call + " " + (message.id() == null ? "(message without id)" : message.id());
        Optional<MessageDirection> direction = direction(message.direction());
        if (message.id() == null || message.id().isBlank()) {
            batch.skip(ref, "skipped: the message has no id", 1);
        } else if (message.id().length() > MAX_ID) {
            batch.skip(ref, "skipped: the message id is longer than " + MAX_ID + " characters", 1);
        } else if (message.createdAt() == null) {
            batch.skip(ref, "skipped: the message has no createdAt", 1);
        } else if (direction.isEmpty()) {
            batch.skip(ref, "skipped: direction '" + message.direction() + "' is neither incoming nor outgoing", 1);
        } else {
            batch.add(
                    info,
                    new HistoryMessage(
                            info.line(),
                            info.customer(),
                            message.id(),
                            direction.get(),
                            message.text() == null ? "" : message.text(),
                            null,
                            status(direction.get(), message.status()),
                            null,
                            message.createdAt().truncatedTo(ChronoUnit.MICROS)));
        }
    }

    private static Optional<MessageDirection> direction(String direction) {
        String value = direction == null ? "" : direction.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "incoming", "inbound" -> Optional.of(MessageDirection.INBOUND);
            case "outgoing", "outbound" -> Optional.of(MessageDirection.OUTBOUND);
            default -> Optional.empty();
        };
    }

    private static MessageStatus status(MessageDirection direction, String status) {
        if (direction == MessageDirection.INBOUND) {
            return MessageStatus.RECEIVED;
        }
        return MessageStatus.parse(status)
                .filter(s ->
                        s == MessageStatus.DELIVERED || s == MessageStatus.UNDELIVERED || s == MessageStatus.FAILED)
                .orElse(MessageStatus.SENT);
    }

    private static boolean tooLong(String id) {
        return id != null && id.length() > MAX_ID;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        return stripped.length() <= 200 ? stripped : stripped.substring(0, 200);
    }

    private static int pageSize(ImportJob job) {
        return Math.max(1, Math.min(100, job.config().openphonePageSize()));
    }
}
