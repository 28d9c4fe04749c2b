-- The staff inbox for citizens' voices (messages and kiosk comments): each message's handling
-- (status, the section in charge, an internal note, its theme), themes in the city's words,
-- an audit log of every change, and a trigram index for Japanese text search.
CREATE TABLE voice_themes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    -- The card or indicator the theme concerns (an id of the published snapshot), or ''.
    card TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by TEXT NOT NULL
);
ALTER TABLE feedback ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
ALTER TABLE feedback ADD COLUMN assigned TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN theme_id INTEGER REFERENCES voice_themes (id);
-- The month a message arrived in, Japan time: what staff filter by.
ALTER TABLE feedback ADD COLUMN month TEXT GENERATED ALWAYS AS (strftime('%Y-%m', received_at, '+9 hours')) VIRTUAL;
-- Only rows with text are voices (a kiosk rating without a comment is not): the inbox's
-- filters and counts read these indexes alone.
CREATE INDEX feedback_voice_facets ON feedback (status, kind, ward, section, month, topic, theme_id) WHERE message <> '';
CREATE INDEX feedback_voice_topic ON feedback (topic, id) WHERE message <> '';
CREATE INDEX feedback_voice_month ON feedback (month, id) WHERE message <> '';
CREATE INDEX feedback_voice_ward ON feedback (ward, section, id) WHERE message <> '';
CREATE INDEX feedback_voice_theme ON feedback (theme_id, id) WHERE message <> '';
-- Japanese has no spaces between words: a trigram index finds any three characters anywhere.
CREATE VIRTUAL TABLE feedback_text USING fts5 (message, content = 'feedback', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO feedback_text (feedback_text) VALUES ('rebuild');
CREATE TRIGGER feedback_text_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO feedback_text (rowid, message) VALUES (new.id, new.message);
END;
CREATE TRIGGER feedback_text_delete AFTER DELETE ON feedback BEGIN
    INSERT INTO feedback_text (feedback_text, rowid, message) VALUES ('delete', old.id, old.message);
END;
CREATE TRIGGER feedback_text_update AFTER UPDATE OF message ON feedback BEGIN
    INSERT INTO feedback_text (feedback_text, rowid, message) VALUES ('delete', old.id, old.message);
    INSERT INTO feedback_text (rowid, message) VALUES (new.id, new.message);
END;
-- Who changed what, when: never a message's text or a contact address.
CREATE TABLE voice_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    who TEXT NOT NULL,
    feedback_id INTEGER,
    theme_id INTEGER,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voice_log_feedback ON voice_log (feedback_id, id);
