package com.clubos.messages.history;

/** Fired in the transaction that moved an import on; the change feed pushes it to admins after commit. */
public record ImportProgressed(long importId) {}
