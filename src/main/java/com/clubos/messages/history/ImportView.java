package com.clubos.messages.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An import as the admin API and page show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportView(
        long id,
        ImportSource source,
        ImportState state,
        Instant since,
        Conversations conversations,
        Messages messages,
        List<Problem> errors,
        int errorCount,
        String failure,
        String startedBy,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt) {

    /** The first problems shown with an import; all are counted in {@code errorCount}. */
    static final int ERRORS_SHOWN = 10;

    /** {@code total} is null until the source has been counted (ClubOS) or listed (OpenPhone). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Conversations(int done, Integer total) {}

    public record Messages(long imported, long duplicates, long skipped) {}

    /** {@code ref} names the source row or call. */
    public record Problem(String ref, String reason) {}

    /** Needs a transaction (it reads the import's first problems). */
    public static ImportView of(HistoryImport job) {
        List<Problem> errors = job.errorCount == 0
                ? List.of()
                : HistoryImportError.firstOf(job.id, ERRORS_SHOWN).stream()
                        .map(e -> new Problem(e.sourceRef, e.reason))
                        .toList();
        return new ImportView(
                job.id,
                job.source(),
                job.state(),
                job.since,
                new Conversations(job.conversationsDone, job.conversationsTotal),
                new Messages(job.messagesImported, job.messagesDuplicates, job.messagesSkipped),
                errors,
                job.errorCount,
                job.failure,
                job.startedBy,
                job.createdAt,
                job.updatedAt,
                job.finishedAt);
    }
}
