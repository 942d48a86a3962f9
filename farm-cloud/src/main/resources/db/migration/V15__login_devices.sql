-- A browser that has logged in as a person holds a long-lived device cookie (OWASP, "Slow Down Online Guessing
-- Attacks with Device Cookies"); only the SHA-256 of its token is kept, as for sessions. A login from that browser
-- counts its failures here, against the device, instead of against the person's account, so that someone guessing
-- the password elsewhere cannot lock the person out of their own browser. Portable between H2 2.x and PostgreSQL.
CREATE TABLE login_device (
    token_hash     VARCHAR(64) PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_logins  INTEGER DEFAULT 0 NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX login_device_user_ix ON login_device (user_id, last_login);
