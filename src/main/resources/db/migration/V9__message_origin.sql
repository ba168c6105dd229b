-- Why a message was written, when no person wrote it just then. NULL: a person did (the customer, or
-- staff here or in OpenPhone's own app). Reports count only those staff texts as responses, and the
-- timeline marks the others. Nullable with no default, so adding it rewrites no existing row.
ALTER TABLE messages
    ADD COLUMN origin VARCHAR(12) CHECK (origin IN ('auto', 'scheduled', 'campaign'));
