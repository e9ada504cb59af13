-- Payloads become json instead of jsonb. The database never looks inside an event's data or
-- metadata: json only checks the syntax on insert and returns the stored text on read, while jsonb
-- converts to its binary form on every append and back to text on every read, and reorders keys.
-- The producer's exact text is kept. (V1 is left as committed: a changed migration would fail
-- Flyway's checksum validation on databases that already applied it.)
ALTER TABLE store_event
    ALTER COLUMN data TYPE json USING data::text::json,
    ALTER COLUMN metadata TYPE json USING metadata::text::json;
