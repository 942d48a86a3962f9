-- When the command or manual override holding an output ends, as the controller reports it (null: nothing holds it).
ALTER TABLE actuator_state ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
