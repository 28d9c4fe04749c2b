-- The counter survey: where the kiosk stands (ward office and counter ids).
ALTER TABLE feedback ADD COLUMN ward TEXT;
ALTER TABLE feedback ADD COLUMN section TEXT;
