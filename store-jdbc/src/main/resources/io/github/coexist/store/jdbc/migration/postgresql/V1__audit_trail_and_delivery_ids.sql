-- Released schema: never edit this file; add V2__... instead.

-- The hash-chained audit trail. The constraints keep the chain from forking, also between
-- several instances on one database: a sequence is taken once (primary key), and every entry but
-- the first points at the one right before it, which must exist (foreign key + check), so
-- neither a duplicate nor a gap can be written.
CREATE TABLE audit_entry (
  sequence          BIGINT  NOT NULL PRIMARY KEY CHECK (sequence >= 1),
  previous_sequence BIGINT  REFERENCES audit_entry (sequence),
  at_second         BIGINT  NOT NULL,
  at_nano           INTEGER NOT NULL CHECK (at_nano >= 0 AND at_nano < 1000000000),
  actor_kind        TEXT    NOT NULL,
  actor_name        TEXT    NOT NULL,
  action            TEXT    NOT NULL,
  subject           TEXT    NOT NULL,
  policy_version    TEXT,
  inputs            TEXT    NOT NULL,
  outcome           TEXT    NOT NULL,
  previous_hash     TEXT    NOT NULL,
  hash              TEXT    NOT NULL,
  CHECK ((sequence = 1 AND previous_sequence IS NULL)
      OR (sequence > 1 AND previous_sequence IS NOT NULL AND previous_sequence = sequence - 1))
);

-- Webhook delivery ids taken in.
CREATE TABLE delivery_id (
  id          VARCHAR(200) NOT NULL PRIMARY KEY CHECK (length(id) >= 1),
  seen_at_ms  BIGINT       NOT NULL
);
CREATE INDEX delivery_id_seen_at ON delivery_id (seen_at_ms);
