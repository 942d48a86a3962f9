-- Hourly and daily summaries of readings, per device, sensor and quantity, kept up to date as readings are
-- stored (late and backfilled ones included) and kept when raw readings pass their retention. A day is a day
-- of the farm's time zone (farm.timezone); bucket_start is its first instant.
CREATE TABLE reading_hourly (
    device_id     VARCHAR(64) NOT NULL,
    sensor        VARCHAR(64) NOT NULL,
    quantity      VARCHAR(32) NOT NULL,
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    n             BIGINT NOT NULL,
    total         DOUBLE PRECISION NOT NULL,
    min_val       DOUBLE PRECISION NOT NULL,
    max_val       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (device_id, sensor, quantity, bucket_start)
);
CREATE INDEX reading_hourly_time_ix ON reading_hourly (device_id, bucket_start);

CREATE TABLE reading_daily (
    device_id     VARCHAR(64) NOT NULL,
    sensor        VARCHAR(64) NOT NULL,
    quantity      VARCHAR(32) NOT NULL,
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    n             BIGINT NOT NULL,
    total         DOUBLE PRECISION NOT NULL,
    min_val       DOUBLE PRECISION NOT NULL,
    max_val       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (device_id, sensor, quantity, bucket_start)
);
CREATE INDEX reading_daily_time_ix ON reading_daily (device_id, bucket_start);

-- Set once the summaries cover every reading stored before this migration (RollupBackfill).
CREATE TABLE rollup_backfill (
    done_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
