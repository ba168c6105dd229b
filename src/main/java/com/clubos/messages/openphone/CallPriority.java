package com.clubos.messages.openphone;

/**
 * How urgently an OpenPhone call must leave. Every call shares the deployment-wide rate limit; a
 * {@link #BULK} call (history backfill, contact refresh, later campaign sends) waits while any
 * {@link #INTERACTIVE} call (a staff send or its reconciliation) has a slot still ahead, and never
 * books more than a couple of slots in advance, so staff sends keep leaving within a few slots
 * however much background work there is.
 */
public enum CallPriority {
    INTERACTIVE,
    BULK
}
