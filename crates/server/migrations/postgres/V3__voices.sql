-- As SQLite's V5: the staff inbox for citizens' voices (handling, themes, audit log) and a
-- trigram index (pg_trgm) for Japanese text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE voice_themes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    card TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by TEXT NOT NULL
);
-- 'YYYY-MM' in Japan time. Immutable in fact (digits only, a fixed zone), declared so for the
-- generated column below.
CREATE FUNCTION jst_month(at TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_char(at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') $$;
ALTER TABLE feedback ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
ALTER TABLE feedback ADD COLUMN assigned TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN theme_id BIGINT REFERENCES voice_themes (id);
ALTER TABLE feedback ADD COLUMN month TEXT GENERATED ALWAYS AS (jst_month(received_at)) STORED;
CREATE INDEX feedback_voice_facets ON feedback (status, kind, ward, section, month, topic, theme_id) WHERE message <> '';
CREATE INDEX feedback_voice_topic ON feedback (topic, id) WHERE message <> '';
CREATE INDEX feedback_voice_month ON feedback (month, id) WHERE message <> '';
CREATE INDEX feedback_voice_ward ON feedback (ward, section, id) WHERE message <> '';
CREATE INDEX feedback_voice_theme ON feedback (theme_id, id) WHERE message <> '';
CREATE INDEX feedback_voice_text ON feedback USING gin (message gin_trgm_ops);
CREATE TABLE voice_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    who TEXT NOT NULL,
    feedback_id BIGINT,
    theme_id BIGINT,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voice_log_feedback ON voice_log (feedback_id, id);
