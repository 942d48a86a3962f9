-- One row per finished run of an output, from the device's output.run events (stored with the event, so once):
-- what season reports count water and run-time from.
CREATE TABLE output_run (
    device_id   VARCHAR(64) NOT NULL,
    seq         BIGINT NOT NULL,
    output_id   VARCHAR(64) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds     DOUBLE PRECISION NOT NULL,
    litres      DOUBLE PRECISION,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX output_run_time_ix ON output_run (device_id, started_at);
