package com.clubos.messages.openphone;

import com.clubos.messages.message.TextGateway;
import com.clubos.messages.message.TextRefused;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** The outbox's {@link TextGateway}, through OpenPhone's REST API and the shared rate limiter. */
@ApplicationScoped
public class OpenPhoneTextGateway implements TextGateway {

    private final OpenPhoneGateway openPhone;
    private final OpenPhoneConfig config;

    public OpenPhoneTextGateway(OpenPhoneGateway openPhone, OpenPhoneConfig config) {
        this.openPhone = openPhone;
        this.config = config;
    }

    @Override
    public boolean configured() {
        return config.configured();
    }

    @Override
    public SentText send(OutgoingText text, SendPriority priority) throws InterruptedException {
        try {
            OpenPhoneMessage answer =
                    openPhone.send(text.from(), text.to(), text.text(), text.markDone(), callPriority(priority));
            return new SentText(answer.id(), answer.status());
        } catch (OpenPhoneException e) {
            throw refused(e);
        }
    }

    @Override
    public Optional<SentText> findSent(
            OutgoingText text, Instant since, Predicate<String> unclaimed, SendPriority priority)
            throws InterruptedException {
        try {
            return openPhone
                    .findSent(
                            text.from(),
                            text.to(),
                            text.text(),
                            since,
                            candidate -> unclaimed.test(candidate.id()),
                            callPriority(priority))
                    .map(found -> new SentText(found.id(), found.status()));
        } catch (OpenPhoneException e) {
            throw refused(e);
        }
    }

    private static CallPriority callPriority(SendPriority priority) {
        return priority == SendPriority.BULK ? CallPriority.BULK : CallPriority.INTERACTIVE;
    }

    private static TextRefused refused(OpenPhoneException e) {
        return new TextRefused(e.getMessage(), e.httpStatus(), e.retryable(), e.retryAfter(), e);
    }
}
