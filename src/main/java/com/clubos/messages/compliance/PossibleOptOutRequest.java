package com.clubos.messages.compliance;

/** Optional body of confirm/dismiss: the flagged text's id as the page showed it (409 if it changed since). */
public record PossibleOptOutRequest(Long messageId) {}
