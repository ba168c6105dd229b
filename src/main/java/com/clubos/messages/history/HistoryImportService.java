package com.clubos.messages.history;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.openphone.OpenPhoneConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starting, watching and cancelling imports; every start and cancel is audited. */
@ApplicationScoped
public class HistoryImportService {

    private final ImportRunner runner;
    private final LegacyDatabase legacy;
    private final OpenPhoneConfig openPhone;
    private final LineDirectory lines;
    private final Event<ImportProgressed> progress;

    public HistoryImportService(
            ImportRunner runner,
            LegacyDatabase legacy,
            OpenPhoneConfig openPhone,
            LineDirectory lines,
            Event<ImportProgressed> progress) {
        this.runner = runner;
        this.legacy = legacy;
        this.openPhone = openPhone;
        this.lines = lines;
        this.progress = progress;
    }

    /** Creates the import and starts it on this replica; 409 while one of that source runs. */
    public ImportView start(ImportRequest request, String actor) {
        if (request == null) {
            throw ApiException.badRequest(
                    "Body must be {\"source\":\"clubos\"} or {\"source\":\"openphone\",\"since\":\"…\"}");
        }
        ImportSource source = ImportSource.parse(request.source())
                .orElseThrow(() -> ApiException.badRequest("source must be 'clubos' or 'openphone'"));
        Instant since = since(source, request.since());
        checkConfigured(source);
        ImportView started = QuarkusTransaction.requiringNew().call(() -> {
            long id = HistoryImport.start(source, since, actor, runner.owner())
                    .orElseThrow(() -> new ApiException(
                            Response.Status.CONFLICT,
                            "A " + source.wire() + " import is already running (id "
                                    + HistoryImport.runningFor(source)
                                            .map(r -> String.valueOf(r.id))
                                            .orElse("?") + "); cancel it or wait"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("importId", id);
            if (since != null) {
                details.put("since", since.toString());
            }
            AuditEntry.record(actor, "import.start", source.wire(), details);
            progress.fire(new ImportProgressed(id));
            return ImportView.of(HistoryImport.findById(id));
        });
        runner.launch(started.id());
        return started;
    }

    public ImportView get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> ImportView.of(find(id)));
    }

    public List<ImportView> recent(int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        HistoryImport.recent(limit).stream().map(ImportView::of).toList());
    }

    /** Cancels a running import: nothing more is written; what was imported stays (a re-run adds only the rest). */
    public ImportView cancel(long id, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            HistoryImport job = find(id);
            if (!HistoryImport.cancel(id)) {
                throw new ApiException(
                        Response.Status.CONFLICT, "Import " + id + " is not running (it is " + job.state + ")");
            }
            AuditEntry.record(actor, "import.cancel", job.source, Map.of("importId", id));
            progress.fire(new ImportProgressed(id));
            HistoryImport.getEntityManager().refresh(job);
            return ImportView.of(job);
        });
    }

    private static HistoryImport find(long id) {
        return HistoryImport.<HistoryImport>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Import not found"));
    }

    private void checkConfigured(ImportSource source) {
        if (source == ImportSource.CLUBOS) {
            if (!legacy.configured()) {
                throw unavailable("The ClubOS import is not configured: set LEGACY_DATABASE_URL");
            }
            try {
                legacy.target();
            } catch (IllegalArgumentException e) {
                throw unavailable(e.getMessage());
            }
            if (lines.defaultLine().isEmpty()) {
                throw unavailable("OPENPHONE_DEFAULT_NUMBER is not set: imported ClubOS conversations need our line");
            }
        } else if (!openPhone.configured()) {
            throw unavailable("OpenPhone is not configured: set OPENPHONE_API_KEY");
        }
    }

    private static Instant since(ImportSource source, String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        if (source != ImportSource.OPENPHONE) {
            throw ApiException.badRequest("since applies to the openphone source only");
        }
        Instant parsed;
        try {
            parsed = since.strip().length() == 10
                    ? LocalDate.parse(since.strip())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                    : OffsetDateTime.parse(since.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 time such as 2025-01-01T00:00:00Z");
        }
        if (parsed.isAfter(Instant.now())) {
            throw ApiException.badRequest("since must not be in the future");
        }
        return parsed.truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException unavailable(String message) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, message);
    }
}
