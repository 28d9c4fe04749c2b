-- A citizen's private link to follow their message (/voices/mine/<token>): only the token's
-- SHA-256 is kept, and only for a while (store::FOLLOW_DAYS), then forgotten like an address.
ALTER TABLE feedback ADD COLUMN follow_hash TEXT;
CREATE INDEX feedback_follow ON feedback (follow_hash) WHERE follow_hash IS NOT NULL;
