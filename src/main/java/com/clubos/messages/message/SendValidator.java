package com.clubos.messages.message;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.phone.PhoneNumbers;
import com.clubos.messages.schedule.SendTimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a send request and answers every problem at once, each naming its field. */
@ApplicationScoped
public class SendValidator {

    /** OpenPhone's limit for one message's content. */
    public static final int MAX_TEXT_LENGTH = 1600;

    static final int MAX_CLIENT_REF_LENGTH = 100;
    /** {{first_name}}-style placeholders, as snippets write them. */
    public static final Pattern UNFILLED_PLACEHOLDER = Pattern.compile("\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}}");

    private final PhoneNumbers phoneNumbers;
    private final LineDirectory lines;
    private final SendTimes sendTimes;

    public SendValidator(PhoneNumbers phoneNumbers, LineDirectory lines, SendTimes sendTimes) {
        this.phoneNumbers = phoneNumbers;
        this.lines = lines;
        this.sendTimes = sendTimes;
    }

    public ValidatedSend validate(SendRequest request, String idempotencyKey) {
        if (request == null) {
            throw ApiException.badRequest("Request body is required: {\"to\": \"+1…\", \"text\": \"…\"}");
        }
        List<String> problems = new ArrayList<>();

        Optional<String> to = Optional.empty();
        if (request.to() == null || request.to().isBlank()) {
            problems.add("to: is required");
        } else {
            to = phoneNumbers.toE164(request.to());
            if (to.isEmpty()) {
                problems.add("to: not a valid phone number");
            }
        }

        textProblem(request.text()).ifPresent(problems::add);

        boolean markDone = Boolean.TRUE.equals(request.markDone());
        if (request.setInboxStatus() != null && !request.setInboxStatus().isBlank()) {
            if (!"done".equalsIgnoreCase(request.setInboxStatus().strip())) {
                problems.add("setInboxStatus: can only be \"done\"");
            }
            markDone = true;
        }

        Optional<String> from = Optional.empty();
        if (request.from() != null && !request.from().isBlank()) {
            from = phoneNumbers.toE164(request.from()).filter(lines::isOurs);
            if (from.isEmpty()) {
                problems.add("from: must be one of our OpenPhone lines " + lines.numbers());
            }
        }

        Instant sendAt = null;
        var parsedSendAt = sendTimes.parse(request.sendAt(), Instant.now());
        if (parsedSendAt.isPresent()) {
            if (parsedSendAt.get().problem() != null) {
                problems.add(parsedSendAt.get().problem());
            }
            sendAt = parsedSendAt.get().at();
            if (markDone) {
                problems.add("markDone: cannot be combined with sendAt; mark the conversation done when it has left");
            }
        } else if (Boolean.TRUE.equals(request.sendEvenIfReply())) {
            problems.add("sendEvenIfReply: only applies to a scheduled message (give sendAt too)");
        }

        String clientRef = firstNonBlank(idempotencyKey, request.clientRef());
        if (clientRef != null && clientRef.length() > MAX_CLIENT_REF_LENGTH) {
            problems.add("clientRef: must be at most " + MAX_CLIENT_REF_LENGTH + " characters");
        }

        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return new ValidatedSend(
                to.orElseThrow(),
                from.orElse(null),
                request.text(),
                clientRef,
                markDone,
                sendAt,
                Boolean.TRUE.equals(request.sendEvenIfReply()));
    }

    /** What is wrong with a text to a customer, if anything: blank, too long, or an unfilled placeholder. */
    public static Optional<String> textProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("text: must not be blank");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return Optional.of(
                    "text: must be at most " + MAX_TEXT_LENGTH + " characters (it has " + text.length() + ")");
        }
        // A snippet whose placeholder was never filled must not reach a customer with its braces.
        Matcher unfilled = UNFILLED_PLACEHOLDER.matcher(text);
        if (unfilled.find()) {
            return Optional.of("text: contains the unfilled placeholder " + unfilled.group()
                    + "; replace it with the real value before sending");
        }
        return Optional.empty();
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }
}
