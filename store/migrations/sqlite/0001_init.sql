-- Times are BIGINT Unix milliseconds; ids are TEXT from store.NewID. The
-- PostgreSQL twin of this file differs only in BLOB (BYTEA there).

CREATE TABLE accounts (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,           -- lower case; the account package checks the rules
	password_hash TEXT NOT NULL,         -- PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash
	email TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL DEFAULT 'player' CHECK (role IN ('player', 'admin')),
	created_ms BIGINT NOT NULL,
	banned_ms BIGINT                     -- NULL: not banned
);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,                 -- public handle: lists, kicks, logs
	token_hash BLOB NOT NULL UNIQUE,     -- SHA-256 of the secret token; the token itself is never stored
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	addr TEXT NOT NULL DEFAULT '',       -- client address at login, for the admin's list
	created_ms BIGINT NOT NULL,
	expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expiry ON sessions (expires_ms);

CREATE TABLE guests (
	id TEXT PRIMARY KEY,
	token_hash BLOB NOT NULL UNIQUE,
	created_ms BIGINT NOT NULL,
	expires_ms BIGINT NOT NULL
);
CREATE INDEX guests_expiry ON guests (expires_ms);

-- owner is an account id or a guest id (no foreign key: it is either).
CREATE TABLE games (
	id TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	story TEXT NOT NULL,
	story_version TEXT NOT NULL,
	mode TEXT NOT NULL,
	seed BIGINT NOT NULL,                -- the uint64 seed's bits
	turns BIGINT NOT NULL DEFAULT 0,     -- n of the newest journal entry
	created_ms BIGINT NOT NULL,
	updated_ms BIGINT NOT NULL
);
CREATE INDEX games_owner ON games (owner, story);

CREATE TABLE journal (
	game_id TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
	n BIGINT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('line', 'choice')),
	text TEXT NOT NULL,
	player TEXT NOT NULL DEFAULT '',     -- MUD: who typed it
	PRIMARY KEY (game_id, n)
);

CREATE TABLE snapshots (
	game_id TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
	n BIGINT NOT NULL,                   -- the state after journal entry n
	data BLOB NOT NULL,
	PRIMARY KEY (game_id, n)
);

CREATE TABLE saves (
	owner TEXT NOT NULL,
	story TEXT NOT NULL,
	name TEXT NOT NULL,
	data BLOB NOT NULL,
	size BIGINT NOT NULL,
	saved_ms BIGINT NOT NULL,
	PRIMARY KEY (owner, story, name)
);

CREATE TABLE transcripts (
	owner TEXT NOT NULL,
	name TEXT NOT NULL,
	size BIGINT NOT NULL,
	updated_ms BIGINT NOT NULL,
	PRIMARY KEY (owner, name)
);

-- A transcript grows by appended chunks: an append writes its own bytes,
-- never the whole text again.
CREATE TABLE transcript_chunks (
	owner TEXT NOT NULL,
	name TEXT NOT NULL,
	n BIGINT NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (owner, name, n),
	FOREIGN KEY (owner, name) REFERENCES transcripts (owner, name) ON DELETE CASCADE
);

CREATE TABLE characters (
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	world TEXT NOT NULL,
	data BLOB NOT NULL,
	updated_ms BIGINT NOT NULL,
	PRIMARY KEY (account_id, world)
);

CREATE TABLE worlds (
	id TEXT PRIMARY KEY,
	n BIGINT NOT NULL,                   -- the world's journal position the state belongs to
	data BLOB NOT NULL,
	updated_ms BIGINT NOT NULL
);
