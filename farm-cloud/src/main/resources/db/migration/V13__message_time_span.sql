-- Each telemetry message keeps the span of its stored readings' times, and readings lose their (device_id, seq)
-- index: keeping it cost about a fifth of ingest's CPU (docs/performance.md), while the two queries that used it,
-- a device's latest readings and re-placing an unsynchronised boot, find a message's readings just as well through
-- the (device_id, measured_at) index and this span. Portable between H2 2.x and PostgreSQL.
ALTER TABLE telemetry_message ADD COLUMN first_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE telemetry_message ADD COLUMN last_at TIMESTAMP WITH TIME ZONE;
UPDATE telemetry_message SET
    first_at = (SELECT MIN(r.measured_at) FROM reading r
        WHERE r.device_id = telemetry_message.device_id AND r.seq = telemetry_message.seq),
    last_at = (SELECT MAX(r.measured_at) FROM reading r
        WHERE r.device_id = telemetry_message.device_id AND r.seq = telemetry_message.seq);
DROP INDEX reading_device_seq_ix;
