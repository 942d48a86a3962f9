-- MQTT credentials of enrolled devices. The secret is 24 random characters (about 143 bits) shown once at
-- enrolment; only its SHA-256 is kept. A revoked device cannot connect until it is enrolled again.
CREATE TABLE device_credential (
    device_id    VARCHAR(64) PRIMARY KEY,
    secret_hash  VARCHAR(64) NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by    VARCHAR(64) NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
