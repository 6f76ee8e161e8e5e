-- Released schema: never edit this file; add V4__... instead.

-- An inbox entry that cannot be processed (its signal cannot be read, or processing it trips a
-- bug) is set aside as a dead letter: kept, with the reason, and no longer pending, so the
-- entries behind it go on. An operator finds them with: SELECT * FROM inbox WHERE dead_reason IS NOT NULL.
ALTER TABLE inbox ADD COLUMN dead_reason TEXT CHECK (length(dead_reason) >= 1);
DROP INDEX inbox_pending;
CREATE INDEX inbox_pending ON inbox (sequence) WHERE done_revision IS NULL AND dead_reason IS NULL;
CREATE INDEX inbox_dead ON inbox (sequence) WHERE dead_reason IS NOT NULL;
