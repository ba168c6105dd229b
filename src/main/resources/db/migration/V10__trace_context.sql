-- The W3C traceparent of the request that wrote the row, so that work done later from it (the outbox's
-- call to OpenPhone, a replica's WebSocket push) continues the same trace. Nullable, no default.
ALTER TABLE messages ADD COLUMN trace_parent VARCHAR(55);
ALTER TABLE change_events ADD COLUMN trace_parent VARCHAR(55);
