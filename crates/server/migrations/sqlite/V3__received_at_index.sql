-- Retention and the monthly summary read by time.
CREATE INDEX IF NOT EXISTS feedback_received_at ON feedback (received_at);
