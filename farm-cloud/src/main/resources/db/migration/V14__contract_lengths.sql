-- The contract counts a string's length in characters (Unicode code points), as JSON Schema does; PostgreSQL's
-- VARCHAR(n) counts the same, but H2's counts UTF-16 units, and a character outside the Basic Multilingual Plane (an
-- emoji) is two. A column that holds free text of a contract field is therefore twice the field's maxLength, so the
-- longest valid value fits on both: an event's message (2000) and an ack's reason (500). Ids, whose pattern admits
-- only ASCII, keep their length; so do columns the cloud itself fills for its messages to devices (a command's
-- issuedBy), which must never hold more than the field allows. Portable between H2 2.x and PostgreSQL.
ALTER TABLE device_event ALTER COLUMN message SET DATA TYPE VARCHAR(4000);
ALTER TABLE command ALTER COLUMN reason SET DATA TYPE VARCHAR(1000);
