-- EmoCorpus catalog: everything a prep run read and every decision it made.
--
-- One catalog describes one prep run of one corpus: DIR/catalog.sqlite. It is built as
-- DIR/.catalog.sqlite.partial, one transaction per stage (a row in `stages` each), and renamed to
-- catalog.sqlite only when the run finishes: a file under the final name is always complete, and a
-- partial file is deleted, never trusted, by the next run.
-- Conventions: ids are the corpus's own ids (segment id = IEMOCAP turn name, CEMO segment id, …);
-- times are seconds (REAL); `origin_file`/`origin_line` say where an item was read (line 0: unknown);
-- `extra` columns are JSON objects of corpus-only facts (IEMOCAP: session, subset, summary V/A/D).
-- Labels are stored raw as written in the source and, after normalization, in canonical form.

-- Run facts: tool version, task, seed, options (key/value, written by the pipeline).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Stages that completed, in order (read, normalize, select, folds, features, ...).
CREATE TABLE stages (
  seq          INTEGER PRIMARY KEY,   -- completion order, from 1
  name         TEXT NOT NULL UNIQUE,  -- stage name
  completed_at TEXT NOT NULL,         -- ISO 8601 UTC time of the commit
  changes      INTEGER NOT NULL       -- rows the stage wrote
);

-- The corpus read (one row per catalog in practice).
CREATE TABLE corpora (
  name   TEXT PRIMARY KEY,            -- corpus name (`iemocap`, the XML `name`, the table's name)
  source TEXT NOT NULL CHECK (source IN ('iemocap', 'cemo', 'table', 'trs', 'files', 'msp-podcast')),  -- reader used
  root   TEXT NOT NULL,               -- absolute corpus root
  coders TEXT NOT NULL                -- JSON array of coder ids in first-seen order
);

-- Items the reader set aside or remarks it made (e.g. a skipped hidden file), in order.
CREATE TABLE corpus_notes (
  corpus TEXT NOT NULL REFERENCES corpora (name),
  seq    INTEGER NOT NULL,            -- order, from 1
  note   TEXT NOT NULL,
  PRIMARY KEY (corpus, seq)
);

-- Every file the reader consumed, with its SHA-256 (provenance; config.resolved.yaml repeats it).
CREATE TABLE input_files (
  corpus TEXT NOT NULL REFERENCES corpora (name),
  path   TEXT NOT NULL,               -- absolute path
  sha256 TEXT NOT NULL,               -- hex digest of the bytes read
  PRIMARY KEY (corpus, path)
);

-- Dialogs: an IEMOCAP dialog, a call, a table's dialog column (default: audio file stem).
CREATE TABLE dialogs (
  id          TEXT PRIMARY KEY,
  corpus      TEXT NOT NULL REFERENCES corpora (name),
  audio_path  TEXT,                   -- absolute path of the dialog's audio, when one file per dialog
  origin_file TEXT NOT NULL,
  origin_line INTEGER NOT NULL,
  extra       TEXT NOT NULL           -- JSON object
);

-- Speakers (an IEMOCAP actor per session, a caller, an agent recurring across calls).
CREATE TABLE speakers (
  id          TEXT PRIMARY KEY,
  corpus      TEXT NOT NULL REFERENCES corpora (name),
  gender      TEXT NOT NULL CHECK (gender IN ('male', 'female', 'unknown')),
  role        TEXT NOT NULL CHECK (role IN ('caller', 'agent', 'speaker')),
  origin_file TEXT NOT NULL,          -- where the speaker was first seen
  origin_line INTEGER NOT NULL,
  extra       TEXT NOT NULL           -- JSON object
);

-- Segments: the units that receive a label, in reading order (rowid).
CREATE TABLE segments (
  id               TEXT PRIMARY KEY,
  corpus           TEXT NOT NULL REFERENCES corpora (name),
  dialog           TEXT NOT NULL REFERENCES dialogs (id),
  speaker          TEXT NOT NULL REFERENCES speakers (id),
  start            REAL,              -- position in the dialog timeline (NULL: not given)
  end              REAL,
  audio_path       TEXT,              -- absolute path of the audio holding the segment
  audio_start      REAL,              -- span inside that file; audio_end NULL = to the end of file
  audio_end        REAL,
  corpus_consensus TEXT,              -- the corpus's own consensus label, raw (IEMOCAP `EMO` code)
  origin_file      TEXT NOT NULL,
  origin_line      INTEGER NOT NULL,
  extra            TEXT NOT NULL      -- JSON object
);
CREATE INDEX segments_speaker ON segments (speaker);
CREATE INDEX segments_dialog ON segments (dialog);

-- Annotations as read: one row per coder line (IEMOCAP evaluator line, CEMO annotation, table row).
CREATE TABLE annotations (
  segment_id  TEXT NOT NULL REFERENCES segments (id),
  seq         INTEGER NOT NULL,       -- position within the segment, from 1
  coder       TEXT NOT NULL,          -- coder id (IEMOCAP: the tag without C-/A-, e.g. E2, F1)
  kind        TEXT NOT NULL CHECK (kind IN ('categorical', 'selfEvaluation', 'dimensional')),
  major       TEXT,                   -- first (Major) label, raw; NULL on dimensional rows
  minor       TEXT,                   -- Minor label, raw (CEMO, tables)
  additional  TEXT NOT NULL,          -- JSON array of further labels (IEMOCAP evaluators), raw
  valence     REAL,                   -- dimensional ratings; NULL when absent or missing
  activation  REAL,
  dominance   REAL,
  note        TEXT,                   -- coder's free-text note (sensitive: never printed by the tool)
  origin_file TEXT NOT NULL,
  origin_line INTEGER NOT NULL,
  PRIMARY KEY (segment_id, seq)
);
CREATE INDEX annotations_coder ON annotations (coder);

-- Rating values by dimension name (any dimension, `arousal`, `valence`, `dominance` or another):
-- one row per value of a dimensional annotation, `seq` being that annotation's row in `annotations`.
CREATE TABLE ratings (
  segment_id TEXT NOT NULL REFERENCES segments (id),
  seq        INTEGER NOT NULL,        -- the annotation's position within the segment, from 1
  coder      TEXT NOT NULL,
  dimension  TEXT NOT NULL,
  value      REAL NOT NULL,           -- inside the dimension's scale (values outside: rating_exclusions)
  self       INTEGER NOT NULL CHECK (self IN (0, 1)),  -- 1: the speaker rating their own segment
  PRIMARY KEY (segment_id, seq, dimension)
);
CREATE INDEX ratings_dimension ON ratings (dimension);

-- Each segment's consensus value per dimension (what the manifests carry): the corpus's own
-- (`corpus`), else the mean of its observers' ratings inside the scale (`raters`).
CREATE TABLE segment_dimensions (
  segment_id TEXT NOT NULL REFERENCES segments (id),
  dimension  TEXT NOT NULL,
  value      REAL NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('corpus', 'raters')),
  PRIMARY KEY (segment_id, dimension)
);

-- The scale of each dimension, and the rating values that are not ratings (left out, located).
CREATE TABLE dimension_scales (
  dimension TEXT PRIMARY KEY,
  min       REAL NOT NULL,
  max       REAL NOT NULL
);
CREATE TABLE rating_exclusions (
  segment_id  TEXT NOT NULL REFERENCES segments (id),
  coder       TEXT NOT NULL,          -- the rater (`consensus` for a corpus's own value)
  dimension   TEXT NOT NULL,
  text        TEXT NOT NULL,          -- the value as written
  reason      TEXT NOT NULL CHECK (reason IN ('missing', 'out_of_scale', 'not_a_number')),
  origin_file TEXT NOT NULL,
  origin_line INTEGER NOT NULL
);

-- Normalized annotations (the agreement inputs): each annotation's labels in the mapping's classes.
CREATE TABLE normalized_annotations (
  segment_id TEXT NOT NULL REFERENCES segments (id),
  seq        INTEGER NOT NULL,        -- position within the segment, from 1
  coder      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('categorical', 'selfEvaluation', 'dimensional')),
  raw_major  TEXT,                    -- label as written
  raw_minor  TEXT,
  major      TEXT,                    -- canonical class (macro-class, IEMOCAP code); NULL: unknown/absent
  minor      TEXT,
  PRIMARY KEY (segment_id, seq)
);

-- Each segment's outcome of normalization: consensus and task class.
CREATE TABLE labels (
  segment_id TEXT PRIMARY KEY REFERENCES segments (id),
  consensus  TEXT,                    -- consensus in canonical classes; NULL: none or unknown
  label      TEXT                     -- task class; NULL when the segment has none (see drops)
);

-- Every drop decision: an item read but not kept, with one reason from the closed list (the README lists them).
-- Items are the segments, plus the items a reader could not make a segment of (reason
-- `malformed`: a faulty turn block, segment, table row, Transcriber stretch or labels.csv row),
-- which are not in `segments`: their id is the one they would have had, or `<file name>:<line>`
-- when they have none or it is taken; `origin_file`/`origin_line` say where they were read.
-- Kept segments = segments without a row here; kept + dropped = read = segments + malformed rows.
CREATE TABLE drops (
  segment_id  TEXT PRIMARY KEY,       -- a segment id, or a malformed item's id; dropped once
  reason      TEXT NOT NULL CHECK (reason IN (
    'malformed', 'no_label', 'unknown_label', 'class_not_in_task', 'role', 'subset', 'all_neutral_speaker',
    'no_consensus', 'no_agreement', 'other_class', 'missing_audio', 'too_short', 'unreadable_audio', 'balancing', 'not_in_split',
    'duplicate_audio', 'conflicting_labels')),
  detail      TEXT,                   -- short detail; for `malformed`, what was wrong (expected shape)
  stage       TEXT,                   -- stage that made the decision
  origin_file TEXT,                   -- `malformed`: where the item was read (NULL otherwise)
  origin_line INTEGER
);
CREATE INDEX drops_reason ON drops (reason);

-- Fold membership: each kept segment's split in each fold.
CREATE TABLE folds (
  fold       INTEGER NOT NULL CHECK (fold >= 1),
  split      TEXT NOT NULL CHECK (split IN ('train', 'val', 'test')),
  segment_id TEXT NOT NULL REFERENCES segments (id),
  PRIMARY KEY (fold, segment_id)
);

-- What each segment says and which recording it is, for content leakage (check-folds): one row per
-- segment read that has a transcript, a sentence code or a whole-file content hash. `text` is the
-- transcript as the corpus gives it (sensitive: stored here, never printed); `text_key` its
-- comparison form (lower case, only letters, digits and single spaces) and `words` its word
-- count; `sentence` the corpus's sentence code (file names, a table's sentence column); `audio_sha256`
-- the SHA-256 of the audio file's bytes when the segment is the whole file.
CREATE TABLE segment_content (
  segment_id   TEXT PRIMARY KEY REFERENCES segments (id),
  sentence     TEXT,
  text         TEXT,
  text_key     TEXT,
  words        INTEGER CHECK (words >= 0),
  audio_sha256 TEXT
);
CREATE INDEX segment_content_audio ON segment_content (audio_sha256);

-- Feature cache entries: which cached features each segment has.
CREATE TABLE feature_entries (
  segment_id TEXT NOT NULL REFERENCES segments (id),
  key        TEXT NOT NULL,           -- cache key (audio hash + span + feature config hash)
  frames     INTEGER NOT NULL CHECK (frames >= 0),   -- feature frames of the whole segment
  windows    INTEGER NOT NULL CHECK (windows >= 0),  -- 3 s sub-segments
  PRIMARY KEY (segment_id, key)
);

-- Example queries (sqlite3 DIR/catalog.sqlite):
--
-- Drops per reason:
--   SELECT reason, COUNT(*) FROM drops GROUP BY reason ORDER BY COUNT(*) DESC;
--
-- Malformed items with their place and cause:
--   SELECT origin_file, origin_line, detail FROM drops WHERE reason = 'malformed' ORDER BY origin_file, origin_line;
--
-- Kept segments per task class and speaker:
--   SELECT s.speaker, l.label, COUNT(*) FROM segments s JOIN labels l ON l.segment_id = s.id
--   WHERE s.id NOT IN (SELECT segment_id FROM drops) GROUP BY s.speaker, l.label;
--
-- Sentences said by several speakers (codes or texts of 3 words or more):
--   SELECT COALESCE('s:' || sentence, 't:' || text_key) AS k, COUNT(DISTINCT s.speaker) FROM segment_content c
--   JOIN segments s ON s.id = c.segment_id WHERE sentence IS NOT NULL OR words >= 3 GROUP BY k HAVING COUNT(DISTINCT s.speaker) > 1;
--
-- Identical audio with different labels:
--   SELECT c.audio_sha256, GROUP_CONCAT(c.segment_id), COUNT(DISTINCT l.consensus) FROM segment_content c
--   JOIN labels l ON l.segment_id = c.segment_id WHERE c.audio_sha256 IS NOT NULL
--   GROUP BY c.audio_sha256 HAVING COUNT(DISTINCT l.consensus) > 1;
--
-- Coder-vs-coder confusion on canonical Major labels (two coders c1, c2):
--   SELECT a.major AS c1, b.major AS c2, COUNT(*) FROM normalized_annotations a
--   JOIN normalized_annotations b ON b.segment_id = a.segment_id
--   WHERE a.coder = 'c1' AND b.coder = 'c2' GROUP BY a.major, b.major;
--
-- Test-set size per fold and class:
--   SELECT f.fold, l.label, COUNT(*) FROM folds f JOIN labels l USING (segment_id)
--   WHERE f.split = 'test' GROUP BY f.fold, l.label;
--
-- Raw evaluator labels behind one IEMOCAP turn:
--   SELECT coder, kind, major, additional FROM annotations WHERE segment_id = 'Ses01F_impro01_F000';
