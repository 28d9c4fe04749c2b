-- Publications kept where every server reads them (issue 33): the manifest, every snapshot's
-- file with its hash, the drafts and the log. Each server writes them into its own data folder
-- (a mirror its pages read) and follows changes through NOTIFY widget_publications.

-- One row: the manifest as published, and a version that every change raises (a server that
-- missed a notification finds it has an older one).
CREATE TABLE publication_state (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    manifest BYTEA NOT NULL,
    version BIGINT NOT NULL
);

-- Every snapshot ever published, by id; the manifest says which are listed. A rolled-back id can
-- be published again, replacing its file.
CREATE TABLE publication_snapshots (
    id TEXT PRIMARY KEY,
    bytes BYTEA NOT NULL,
    sha256 TEXT NOT NULL
);

CREATE TABLE publication_drafts (
    id TEXT PRIMARY KEY,
    -- DraftInfo as JSON text: who, when, on top of which publication.
    info TEXT NOT NULL,
    bytes BYTEA NOT NULL
);

CREATE TABLE publication_log (
    seq BIGSERIAL PRIMARY KEY,
    line TEXT NOT NULL
);
