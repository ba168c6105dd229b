package com.clubos.messages.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps spans in the process (trace ids in logs, {@code traceparent} to OpenPhone) without exporting
 * them while no collector is configured. Quarkus installs its OTLP exporter only when no other span
 * exporter can be looked up, so this one steps aside as soon as OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * otherwise the exporter would try localhost:4317 and log a failure every few seconds.
 */
@Singleton
@LookupIfProperty(name = "clubos.tracing.otlp-endpoint", stringValue = "off")
public class UnexportedSpans implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
