package com.clubos.messages.history;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports ClubOS's {@code openphone_conversations}: every row becomes a conversation on the first of
 * our lines its elements name in {@code from}/{@code to} (a chain's ClubOS held every location's texts),
 * else on our default line; every array element a message. Rows are read in id order; the
 * checkpoint is the row and element after the last batch written, so a run that dies resumes there.
 * Bad rows and elements are counted as skipped with their reason and row id; the job goes on.
 */
@ApplicationScoped
class ClubosImport {

    private final LegacyDatabase database;
    private final LegacyElements elements;
    private final LegacyRowLine rowLine;
    private final PhoneNumbers phones;
    private final LineDirectory lines;

    ClubosImport(LegacyDatabase database, PhoneNumbers phones, LineDirectory lines) {
        this.database = database;
        this.elements = new LegacyElements(phones);
        this.rowLine = new LegacyRowLine(phones);
        this.phones = phones;
        this.lines = lines;
    }

    /**
     * Where a ClubOS import stands: rows up to {@code row} are done ({@code rowDone}), or {@code row} is
     * done up to element {@code element}; no row yet means nothing is done.
     */
    static final class Position {
        String row;
        int element;
        boolean rowDone;

        static Position of(Map<String, Object> checkpoint) {
            Position position = new Position();
            position.row = (String) checkpoint.get("row");
            position.element = checkpoint.get("element") instanceof Number n ? n.intValue() : 0;
            position.rowDone = Boolean.TRUE.equals(checkpoint.get("rowDone"));
            return position;
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new HashMap<>();
            map.put("row", row);
            map.put("element", element);
            map.put("rowDone", rowDone);
            return map;
        }

        void at(String row, int element, boolean rowDone) {
            this.row = row;
            this.element = element;
            this.rowDone = rowDone;
        }
    }

    void run(ImportJob job) throws Exception {
        String defaultLine = lines.defaultLine()
                .orElseThrow(() -> new ImportFailed(
                        "OPENPHONE_DEFAULT_NUMBER is not set: imported ClubOS conversations need our line"));
        Set<String> ours = Set.copyOf(lines.numbers());
        Position position = Position.of(job.checkpoint);
        HistoryBatch batch = new HistoryBatch();
        int pageRows = Math.max(1, job.config().legacyPageRows());
        try (LegacyTable table = LegacyTable.open(database)) {
            if (!job.counted) {
                job.addTotal(table.count());
            }
            while (true) {
                job.checkStillRunning();
                boolean inclusive = position.row != null && !position.rowDone;
                int rows = table.forEachRow(
                        position.row,
                        inclusive,
                        pageRows,
                        row -> importRow(row, lineOf(row, ours, defaultLine), position, batch, job));
                if (rows < pageRows) {
                    break;
                }
            }
            batch.checkpoint = position.toMap();
            job.commit(batch);
        }
    }

    private void importRow(LegacyRow row, String line, Position position, HistoryBatch batch, ImportJob job)
            throws Exception {
        int resumeAt = row.id().equals(position.row) && !position.rowDone ? position.element : 0;
        Optional<String> customer = phones.toE164(row.phoneNumber());
        if (customer.isEmpty()) {
            int skipped = LegacyElements.count(row);
            batch.skip(
                    "row " + row.id(),
                    "phone_number '" + LegacyElements.clip(String.valueOf(row.phoneNumber()), 40)
                            + "' is not a valid phone number; its " + skipped + " message(s) were skipped",
                    skipped);
        } else {
            HistoryBatch.ConversationInfo conversation = conversationOf(row, line, customer.get());
            HistoryBatch.LegacyCarry carry =
                    new HistoryBatch.LegacyCarry(row.id(), conversation.key(), unread(row), row.lastReadAt());
            try {
                elements.read(row, customer.get(), line, (index, parsed) -> {
                    if (index < resumeAt) {
                        return; // written before the checkpoint
                    }
                    if (parsed.message() != null) {
                        batch.add(conversation, parsed.message());
                        batch.carry(carry);
                    } else {
                        batch.skip("row " + row.id() + ", element " + index, "skipped: " + parsed.skipReason(), 1);
                    }
                    if (batch.isFull(job.config().batchSize())) {
                        position.at(row.id(), index + 1, false);
                        batch.checkpoint = position.toMap();
                        job.commit(batch);
                    }
                });
            } catch (LegacyElements.NotAnArray e) {
                if (e.index >= resumeAt) {
                    batch.skip("row " + row.id(), "messages is not a JSON array (" + e.getMessage() + ")", 1);
                }
            }
        }
        batch.conversationsDone++;
        position.at(row.id(), 0, true);
        batch.checkpoint = position.toMap();
        if (batch.isFull(job.config().batchSize())) {
            job.commit(batch);
        }
    }

    /** With one line there is nothing to choose, so the row's JSON is not read twice. */
    private String lineOf(LegacyRow row, Set<String> ours, String defaultLine) {
        return ours.size() < 2 ? defaultLine : rowLine.of(row, ours).orElse(defaultLine);
    }

    private static HistoryBatch.ConversationInfo conversationOf(LegacyRow row, String line, String customer) {
        String name = row.customerName() == null
                        || row.customerName().isBlank()
                        || row.customerName().strip().equalsIgnoreCase(Conversation.UNKNOWN_NAME)
                ? Conversation.UNKNOWN_NAME
                : row.customerName().strip();
        String employee = row.employeeName() == null || row.employeeName().isBlank()
                ? null
                : row.employeeName().strip();
        return new HistoryBatch.ConversationInfo(line, customer, name, employee, row.createdAt(), unread(row) > 0);
    }

    private static int unread(LegacyRow row) {
        return row.unreadCount() == null ? 0 : Math.max(0, row.unreadCount());
    }
}
