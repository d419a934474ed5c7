-- A guest's seat in a shared world (MUD mode): the hash of the browser's
-- seat token and the name its player has in the world, so that after a
-- restart the browser takes its link-dead player back. One row per name
-- and world: the guest who joined under a name last is the one who may
-- take it back.
CREATE TABLE guest_seats (
	world TEXT NOT NULL,                 -- the story's id
	name TEXT NOT NULL,                  -- the player's id in the world (the name, lower case)
	token_hash BLOB NOT NULL UNIQUE,     -- SHA-256 of the seat token; the token itself is never stored
	created_ms BIGINT NOT NULL,
	expires_ms BIGINT NOT NULL,
	PRIMARY KEY (world, name)
);
CREATE INDEX guest_seats_expiry ON guest_seats (expires_ms);
