package com.clubos.messages.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Keeps finished spans in memory for the tests that switch it on (TracingTestProfile); others export nothing. */
public class CapturedSpans {

    @Produces
    @Singleton
    @LookupIfProperty(name = "clubos.test.capture-spans", stringValue = "true")
    InMemorySpanExporter inMemorySpans() {
        return InMemorySpanExporter.create();
    }
}
