-- Staff who publish figures: accounts (Argon2 hashes, failed sign-ins, a lock) and sessions
-- (only a hash of each session's token is kept).
CREATE TABLE staff (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL REFERENCES staff (name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires INTEGER NOT NULL
);
