-- A greenhouse may have several controllers: a large house with one board per bay or irrigation line. Each zone
-- names the controller whose inputs and outputs lie in it; a channel lies in at most one zone of its controller.
-- Portable between H2 2.x and PostgreSQL.
-- The device table is rebuilt rather than its unique index dropped: H2 lends that index to the foreign key.
CREATE TABLE device_v12 (
    device_id          VARCHAR(64) PRIMARY KEY,
    greenhouse_id      BIGINT REFERENCES greenhouse(id),
    online             BOOLEAN NOT NULL DEFAULT FALSE,
    status_at          TIMESTAMP WITH TIME ZONE,
    last_seen          TIMESTAMP WITH TIME ZONE,
    boot_id            VARCHAR(64),
    config_version     BIGINT,
    outbox_depth       BIGINT,
    rejected_payloads  BIGINT NOT NULL DEFAULT 0,
    last_rejection     VARCHAR(500),
    first_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
    outbox_oldest      TIMESTAMP WITH TIME ZONE
);
INSERT INTO device_v12 (device_id, greenhouse_id, online, status_at, last_seen, boot_id, config_version,
        outbox_depth, rejected_payloads, last_rejection, first_seen, outbox_oldest)
    SELECT device_id, greenhouse_id, online, status_at, last_seen, boot_id, config_version, outbox_depth,
        rejected_payloads, last_rejection, first_seen, outbox_oldest FROM device;
DROP TABLE device;
ALTER TABLE device_v12 RENAME TO device;
CREATE INDEX device_greenhouse_ix ON device (greenhouse_id);

ALTER TABLE zone ADD COLUMN device_id VARCHAR(64);
UPDATE zone SET device_id = (SELECT d.device_id FROM device d WHERE d.greenhouse_id = zone.greenhouse_id);

-- zone_channel gains the controller; its key becomes (device_id, channel_kind, channel_id). A zone of a greenhouse
-- that has no controller yet keeps its channels with device_id null until one is attached.
CREATE TABLE zone_io (
    zone_id        BIGINT NOT NULL REFERENCES zone(id) ON DELETE CASCADE,
    greenhouse_id  BIGINT NOT NULL REFERENCES greenhouse(id),
    device_id      VARCHAR(64),
    channel_kind   VARCHAR(8) NOT NULL,
    channel_id     VARCHAR(64) NOT NULL
);
INSERT INTO zone_io (zone_id, greenhouse_id, device_id, channel_kind, channel_id)
    SELECT zc.zone_id, zc.greenhouse_id, z.device_id, zc.channel_kind, zc.channel_id
    FROM zone_channel zc JOIN zone z ON z.id = zc.zone_id;
DROP TABLE zone_channel;
ALTER TABLE zone_io RENAME TO zone_channel;
CREATE UNIQUE INDEX zone_channel_device_ix ON zone_channel (device_id, channel_kind, channel_id);
CREATE INDEX zone_channel_zone_ix ON zone_channel (zone_id);
CREATE INDEX zone_channel_greenhouse_ix ON zone_channel (greenhouse_id);
