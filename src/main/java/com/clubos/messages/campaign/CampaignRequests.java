package com.clubos.messages.campaign;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.InboxStatus;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.SendValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a campaign request (every problem at once, each naming its field) and finds its recipients. */
@ApplicationScoped
public class CampaignRequests {

    static final int MAX_NAME = 200;
    private static final Duration MAX_AHEAD = Duration.ofDays(366);

    private final LineDirectory lines;
    private final CurrentScope scope;
    private final CampaignConfig config;
    private final EntityManager entityManager;

    public CampaignRequests(
            LineDirectory lines, CurrentScope scope, CampaignConfig config, EntityManager entityManager) {
        this.lines = lines;
        this.scope = scope;
        this.config = config;
        this.entityManager = entityManager;
    }

    record Valid(
            String name,
            String text,
            String line,
            String kind,
            Instant sendAt,
            List<String> numbers,
            boolean hasFilter,
            Instant lastActivitySince,
            InboxStatus inboxStatus,
            String assignee,
            Map<String, Object> filterJson) {}

    Valid validate(CampaignRequest request) {
        if (request == null) {
            throw ApiException.badRequest(
                    "Request body is required: {\"name\", \"text\", \"line\", \"kind\", \"recipients\" or \"filter\"}");
        }
        List<String> problems = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            problems.add("name: is required");
        } else if (name.length() > MAX_NAME) {
            problems.add("name: must be at most " + MAX_NAME + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add("name: must not contain control characters");
        }
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            problems.add("text: must not be blank");
        } else if (text.length() > SendValidator.MAX_TEXT_LENGTH) {
            problems.add("text: must be at most " + SendValidator.MAX_TEXT_LENGTH + " characters (it has "
                    + text.length() + ")");
        } else {
            problems.addAll(CampaignText.problems(text));
        }
        String kind = request.kind() == null ? "" : request.kind().strip().toLowerCase();
        if (!kind.equals("marketing") && !kind.equals("informational")) {
            problems.add("kind: must be \"marketing\" or \"informational\" (marketing texts keep quiet hours"
                    + " and the frequency cap)");
        }
        Optional<String> line = line(request.line(), "line", problems);
        Instant sendAt = sendAt(request.sendAt(), problems);
        List<String> numbers = request.recipients() == null ? List.of() : request.recipients();
        if (numbers.size() > config.maxRecipients()) {
            problems.add("recipients: at most " + config.maxRecipients() + " (CAMPAIGN_MAX_RECIPIENTS)");
        }
        CampaignRequest.RecipientFilter filter = request.filter();
        Instant since = null;
        InboxStatus status = null;
        String assignee = null;
        Map<String, Object> filterJson = null;
        if (filter != null) {
            Optional<String> filterLine = filter.line() == null || filter.line().isBlank()
                    ? line
                    : line(filter.line(), "filter.line", problems);
            if (line.isPresent() && filterLine.isPresent() && !filterLine.equals(line)) {
                problems.add("filter.line: a campaign texts the conversations of its own line (" + line.get() + ")");
            }
            since = since(filter.lastActivitySince(), problems);
            if (filter.inboxStatus() != null && !filter.inboxStatus().isBlank()) {
                status = InboxStatus.parse(filter.inboxStatus()).orElse(null);
                if (status == null) {
                    problems.add("filter.inboxStatus: must be \"open\" or \"done\"");
                }
            }
            assignee = filter.assignee() == null ? null : filter.assignee().strip();
            filterJson = new LinkedHashMap<>();
            filterJson.put("line", line.orElse(null));
            filterJson.put("lastActivitySince", since == null ? null : since.toString());
            filterJson.put("inboxStatus", status == null ? null : status.wire());
            filterJson.put("assignee", assignee);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        if (!scope.sees(line.orElseThrow())) {
            throw new ApiException(Response.Status.FORBIDDEN, "You may not send from " + line.get());
        }
        return new Valid(
                name, text, line.get(), kind, sendAt, numbers, filter != null, since, status, assignee, filterJson);
    }

    private Optional<String> line(String input, String field, List<String> problems) {
        if (input == null || input.isBlank()) {
            Optional<String> fallback = lines.defaultLine();
            if (fallback.isEmpty()) {
                problems.add(field + ": is required");
            }
            return fallback;
        }
        Optional<String> line = lines.resolve(input);
        if (line.isEmpty()) {
            problems.add(field + ": must be one of our OpenPhone lines " + lines.numbers());
        }
        return line;
    }

    private static Instant sendAt(String input, List<String> problems) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(input.strip()).toInstant();
            if (at.isAfter(Instant.now().plus(MAX_AHEAD))) {
                problems.add("sendAt: at most a year ahead");
            }
            return at;
        } catch (DateTimeParseException e) {
            problems.add("sendAt: expected ISO 8601 with an offset, like 2026-06-01T10:00:00-03:00");
            return null;
        }
    }

    private static Instant since(String input, List<String> problems) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(input.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(input.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException again) {
                problems.add("filter.lastActivitySince: expected a date (2026-05-01) or an ISO 8601 date-time");
                return null;
            }
        }
    }

    /** Pasted numbers, named from their conversation on the line when it has a real name. */
    List<CampaignRecipient.Incoming> withConversationNames(String line, List<CampaignRecipient.Incoming> numbers) {
        List<CampaignRecipient.Incoming> named = new ArrayList<>(numbers.size());
        for (CampaignRecipient.Incoming recipient : numbers) {
            Optional<String> name = Conversation.findByLineAndCustomer(line, recipient.number())
                    .map(c -> c.customerName)
                    .filter(n -> !Conversation.UNKNOWN_NAME.equals(n));
            named.add(name.isPresent() ? named(recipient.number(), name.get()) : recipient);
        }
        return named;
    }

    /** The conversations the filter names, on the campaign's line, with their customers' names. */
    @SuppressWarnings("unchecked")
    List<CampaignRecipient.Incoming> fromFilter(Valid valid) {
        if (!valid.hasFilter()) {
            return List.of();
        }
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                        SELECT phone_number, customer_name FROM openphone_conversations
                        WHERE line_number = :line
                          AND (CAST(:since AS timestamptz) IS NULL OR last_message_at >= CAST(:since AS timestamptz))
                          AND (CAST(:status AS text) IS NULL OR inbox_status = CAST(:status AS text))
                          AND (CAST(:assignee AS text) IS NULL
                               OR (CAST(:assignee AS text) = '' AND assignee_id IS NULL)
                               OR assignee_id = CAST(:assignee AS text))
                        ORDER BY last_message_at DESC, id DESC
                        LIMIT :limit""")
                .setParameter("line", valid.line())
                .setParameter(
                        "since",
                        valid.lastActivitySince() == null
                                ? null
                                : valid.lastActivitySince().atOffset(ZoneOffset.UTC))
                .setParameter(
                        "status",
                        valid.inboxStatus() == null ? null : valid.inboxStatus().wire())
                .setParameter("assignee", valid.assignee())
                .setParameter("limit", config.maxRecipients() + 1)
                .getResultList();
        List<CampaignRecipient.Incoming> recipients = new ArrayList<>();
        for (Object[] row : rows) {
            String name = (String) row[1];
            recipients.add(
                    Conversation.UNKNOWN_NAME.equals(name)
                            ? new CampaignRecipient.Incoming((String) row[0], null, null)
                            : named((String) row[0], name));
        }
        return recipients;
    }

    private static CampaignRecipient.Incoming named(String number, String fullName) {
        String name = fullName.strip();
        int space = name.indexOf(' ');
        return space < 0
                ? new CampaignRecipient.Incoming(number, name, null)
                : new CampaignRecipient.Incoming(
                        number,
                        name.substring(0, space),
                        name.substring(space + 1).strip());
    }
}
