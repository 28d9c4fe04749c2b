-- As SQLite's V4: staff accounts and sessions.
CREATE TABLE staff (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL REFERENCES staff (name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires BIGINT NOT NULL
);
