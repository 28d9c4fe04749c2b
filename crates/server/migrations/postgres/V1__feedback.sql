-- The schema as SQLite's V1–V3 leave it, in PostgreSQL's types.
CREATE TABLE feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    message TEXT NOT NULL,
    satisfaction SMALLINT,
    email TEXT,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ward TEXT,
    section TEXT
);
CREATE INDEX feedback_received_at ON feedback (received_at);
