package com.clubos.messages.history;

import com.clubos.messages.conversation.Conversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import has read since its last commit: the messages, their conversations, the problems it
 * met, and the checkpoint to write with them. Written in one transaction by {@link HistoryWriter}.
 */
final class HistoryBatch {

    /**
     * A conversation the batch's messages belong to, as the source describes it. {@code open}: a
     * conversation created by the import starts open (the customer has unread texts) rather than done.
     */
    record ConversationInfo(
            String line, String customer, String name, String employeeName, Instant createdAt, boolean open) {

        String key() {
            return key(line, customer);
        }

        static String key(String line, String customer) {
            return line + "|" + customer;
        }

        ConversationInfo merge(ConversationInfo other) {
            String mergedName = Conversation.UNKNOWN_NAME.equals(name) ? other.name : name;
            Instant earliest = createdAt == null || (other.createdAt != null && other.createdAt.isBefore(createdAt))
                    ? other.createdAt
                    : createdAt;
            return new ConversationInfo(
                    line,
                    customer,
                    mergedName,
                    employeeName != null ? employeeName : other.employeeName,
                    earliest,
                    open || other.open);
        }
    }

    /** A ClubOS row's unread count and last-read time, carried into its conversation once. */
    record LegacyCarry(String legacyId, String conversationKey, int unread, Instant lastReadAt) {}

    /** An OpenPhone conversation listed for the backfill, its messages still to read. */
    record ListedConversation(
            int position, String openphoneId, String phoneNumberId, String line, String participant, String name) {}

    /** Where one OpenPhone conversation's messages stand after this batch. */
    record BackfillStep(int position, String nextPageToken, boolean done) {}

    final Map<String, ConversationInfo> conversations = new LinkedHashMap<>();
    final List<HistoryMessage> messages = new ArrayList<>();
    /** By ClubOS row id: a row spread over several batches is carried by the first one written. */
    final Map<String, LegacyCarry> carries = new LinkedHashMap<>();

    final List<ImportView.Problem> problems = new ArrayList<>();
    final List<ListedConversation> listed = new ArrayList<>();
    long skipped;
    int conversationsDone;
    /** Conversations the source turned out to hold, beyond those counted before. */
    int conversationsFound;

    Map<String, Object> checkpoint;
    BackfillStep step;

    void add(ConversationInfo conversation, HistoryMessage message) {
        conversations.merge(conversation.key(), conversation, ConversationInfo::merge);
        messages.add(message);
    }

    void carry(LegacyCarry carry) {
        carries.putIfAbsent(carry.legacyId(), carry);
    }

    /** {@code count} messages went unimported for {@code reason}; {@code ref} names the source row or call. */
    void skip(String ref, String reason, long count) {
        skipped += count;
        problem(ref, reason);
    }

    /** A problem that skipped no message by itself (a refused call, a conversation left out). */
    void problem(String ref, String reason) {
        problems.add(new ImportView.Problem(ref, reason));
    }

    int size() {
        return messages.size();
    }

    /** Messages and problems together: what a batch holds in memory. */
    boolean isFull(int batchSize) {
        return messages.size() + problems.size() >= batchSize;
    }

    boolean hasContent() {
        return !messages.isEmpty()
                || !problems.isEmpty()
                || !listed.isEmpty()
                || skipped > 0
                || conversationsDone > 0
                || conversationsFound > 0
                || step != null;
    }

    void clear() {
        conversations.clear();
        messages.clear();
        carries.clear();
        problems.clear();
        listed.clear();
        skipped = 0;
        conversationsDone = 0;
        conversationsFound = 0;
        checkpoint = null;
        step = null;
    }
}
