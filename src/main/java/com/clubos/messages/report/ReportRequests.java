package com.clubos.messages.report;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.line.LineScope;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns a request's parameters into a {@link ReportQuery} for the caller: the range, the lines they may
 * see (one location when {@code line} names one of theirs), and open hours when asked.
 */
@RequestScoped
public class ReportRequests {

    private final CurrentScope scope;
    private final LineDirectory lines;
    private final ReportSettings settings;

    public ReportRequests(CurrentScope scope, LineDirectory lines, ReportSettings settings) {
        this.scope = scope;
        this.lines = lines;
        this.settings = settings;
    }

    ReportQuery query(String from, String to, String tz, String line, String businessHours) {
        Instant now = Instant.now();
        ReportRange range = ReportRange.parse(from, to, tz, settings.defaultZone(), now);
        String one = line == null || line.isBlank() ? null : location(line.strip());
        String[] visible = one != null ? new String[] {one} : scope.get().linesOrNull();
        OpenHours hours = null;
        if (flag(businessHours)) {
            if (!settings.businessHoursConfigured()) {
                throw ApiException.badRequest(
                        "businessHours: no business hours are configured (BUSINESS_HOURS), so every hour counts");
            }
            hours = OpenHours.of(settings.schedules(visible), range.previousFrom(), range.to(), now);
        }
        return new ReportQuery(range, visible, one, hours, now);
    }

    /** A location of the caller's: its number in any format, OpenPhone id or name. */
    private String location(String wanted) {
        LineScope visible = scope.get();
        return lines.resolve(wanted)
                .filter(visible::sees)
                .orElseThrow(() -> ApiException.badRequest("line: '"
                        + (wanted.length() > 60 ? wanted.substring(0, 60) + "…" : wanted)
                        + "' is none of your locations (GET /api/messages/lines lists them)"));
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("businessHours: must be true or false");
        };
    }
}
