package com.clubos.messages.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.regex.Pattern;

/**
 * A trace that continues after a commit: work picked up later from a row (the outbox's send, another
 * replica's WebSocket push) reads the W3C {@code traceparent} stored with the row and carries on the
 * trace of the request that wrote it.
 */
public final class StoredTraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private StoredTraceContext() {}

    /** The current span as a {@code traceparent} to store with a row, or null outside any trace. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** The context whose parent is the stored {@code traceparent}; a new trace when there is none. */
    public static Context parentOf(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        var parts = TRACEPARENT.matcher(traceParent);
        if (!parts.matches()) {
            return Context.root();
        }
        SpanContext parent = SpanContext.createFromRemoteParent(
                parts.group(1), parts.group(2), TraceFlags.fromHex(parts.group(3), 0), TraceState.getDefault());
        return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
    }
}
