-- What a node checked the last time every migration was applied and valid: a digest of each module's
-- migration files and a digest of its Flyway history table. A node whose files and history digests
-- still match skips Flyway's own check at start (see Migrations): the check that Flyway would repeat
-- found nothing the last time and neither side has changed since.
CREATE TABLE platform_migration_check (
    module          text PRIMARY KEY,
    files_digest    text NOT NULL,
    history_digest  text NOT NULL
);
