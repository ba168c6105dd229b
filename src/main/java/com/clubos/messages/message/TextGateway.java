package com.clubos.messages.message;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the outbox needs from the SMS provider, owned here so that sending depends on no provider:
 * {@code openphone/} implements it. Every call takes a slot of the deployment-wide rate limit at
 * the given priority.
 */
public interface TextGateway {

    /** True when texts can go somewhere (a key, or the simulator); else sends are refused with 503. */
    boolean configured();

    /**
     * Hands one text to the provider and returns its answer. Throws {@link TextRefused} when the
     * provider answered with an error, or {@link jakarta.ws.rs.ProcessingException} when it did not
     * answer (connection refused, timeout, reset).
     */
    SentText send(OutgoingText text, SendPriority priority) throws InterruptedException;

    /**
     * Finds a text we may already have sent: outgoing from our line to the customer with exactly
     * this content, created after {@code since}, whose provider id {@code unclaimed} accepts.
     */
    Optional<SentText> findSent(OutgoingText text, Instant since, Predicate<String> unclaimed, SendPriority priority)
            throws InterruptedException;

    /** One outbound text as the provider gets it. */
    record OutgoingText(String from, String to, String text, boolean markDone) {

        static OutgoingText of(Message message) {
            return new OutgoingText(message.fromNumber, message.toNumber, message.body, message.setInboxDone);
        }
    }

    /** The provider's id of a text it took, and the status it reported (queued, sent, delivered…). */
    record SentText(String id, String status) {}

    /** How urgently a call must leave: staff texts before bulk (campaign) ones. */
    enum SendPriority {
        INTERACTIVE,
        BULK;

        /** Campaign texts give way to everything a person is waiting for. */
        static SendPriority of(Message message) {
            return message.origin == MessageOrigin.CAMPAIGN ? BULK : INTERACTIVE;
        }
    }
}
