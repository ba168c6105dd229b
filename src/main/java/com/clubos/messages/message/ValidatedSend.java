package com.clubos.messages.message;

/**
 * A send that passed validation: both numbers in E.164, and {@code from} one of our lines (null until
 * {@link SendLines} decides when the request named none).
 */
public record ValidatedSend(String to, String from, String text, String clientRef, boolean markDone) {}
