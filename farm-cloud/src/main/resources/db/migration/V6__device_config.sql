-- The configuration each device should run (the retained message of its config channel), as set through the API;
-- the version the device runs comes back in its state (device.config_version).
CREATE TABLE device_config (
    device_id   VARCHAR(64) PRIMARY KEY,
    version     BIGINT NOT NULL,
    body        VARCHAR(100000) NOT NULL,
    set_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by      VARCHAR(64) NOT NULL,
    published   BOOLEAN NOT NULL
);
