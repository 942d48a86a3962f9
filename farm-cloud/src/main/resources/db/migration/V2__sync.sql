-- Sync that loses nothing: where each telemetry message's clock came from, the device's outbox age, and the
-- anchors that place readings an unsynchronised board took.
ALTER TABLE telemetry_message ADD COLUMN mono_ms BIGINT;
-- synced: the board's clock was trusted; placed: moved by the same boot's synchronised anchor;
-- estimated: moved by the receive time (only an upper bound of when it was taken).
ALTER TABLE telemetry_message ADD COLUMN clock_source VARCHAR(16) DEFAULT 'synced' NOT NULL;
ALTER TABLE device ADD COLUMN outbox_oldest TIMESTAMP WITH TIME ZONE;

-- Per device and boot: wall time minus the agent's monotonic time, from a synchronised message (synced) or the
-- smallest receive time minus monotonic time seen so far (not synced).
CREATE TABLE boot_clock (
    device_id   VARCHAR(64) NOT NULL,
    boot_id     VARCHAR(64) NOT NULL,
    offset_ms   BIGINT NOT NULL,
    synced      BOOLEAN NOT NULL,
    PRIMARY KEY (device_id, boot_id)
);
