-- Released schema: never edit this file; add V3__... instead.

-- The latest state of every record coexist keeps (changes with their pending writes, incidents,
-- problems, requests, surveys, postmortems, services, KPI facts): one row per kind and key, its
-- value as JSON, stamped with the revision of the commit that last wrote it.
CREATE TABLE record (
  record_kind  TEXT    NOT NULL CHECK (length(record_kind) BETWEEN 1 AND 40),
  record_key   TEXT    NOT NULL CHECK (length(record_key) >= 1),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  json         TEXT    NOT NULL,
  PRIMARY KEY (record_kind, record_key)
);
CREATE INDEX record_revision ON record (revision);

-- The last revision committed. Every commit updates this one row in its transaction, so commits
-- are serialised and revisions are handed out in commit order: a reader that saw revision n has
-- seen every commit up to n.
CREATE TABLE revision_counter (
  id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  last_revision  INTEGER NOT NULL CHECK (last_revision >= 0)
);
INSERT INTO revision_counter (id, last_revision) VALUES (1, 0);

-- The next number of each id sequence (change, incident, ...), handed out in blocks.
CREATE TABLE number_sequence (
  name         TEXT    NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
  next_number  INTEGER NOT NULL CHECK (next_number >= 1)
);

-- Signals accepted from outside, kept once per delivery key before they are acknowledged; an
-- entry is done once the revision that processed it is committed.
CREATE TABLE inbox (
  sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_key     TEXT    NOT NULL UNIQUE CHECK (length(delivery_key) BETWEEN 1 AND 200),
  signal           TEXT    NOT NULL,
  received_second  INTEGER NOT NULL,
  received_nano    INTEGER NOT NULL CHECK (received_nano >= 0 AND received_nano < 1000000000),
  done_revision    INTEGER CHECK (done_revision >= 1)
);
CREATE INDEX inbox_pending ON inbox (sequence) WHERE done_revision IS NULL;

-- The one lease: who holds it, under which fencing token, until when (milliseconds since the
-- epoch). The token grows with every acquisition that is not a renewal; 0 and no holder: never taken.
CREATE TABLE lease (
  id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  holder         TEXT    CHECK (length(holder) BETWEEN 1 AND 200),
  token          INTEGER NOT NULL CHECK (token >= 0),
  expires_at_ms  INTEGER NOT NULL
);
INSERT INTO lease (id, holder, token, expires_at_ms) VALUES (1, NULL, 0, 0);
