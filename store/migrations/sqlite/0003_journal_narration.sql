-- A durable game journals the narration a language model wrote, as its
-- player was shown it: a narration event is numbered like any other, and
-- the model cannot be asked again on replay. Text is the event as JSON.
-- SQLite cannot change a CHECK in place: the table is rebuilt.

CREATE TABLE journal_new (
	game_id TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
	n BIGINT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('line', 'choice', 'tick', 'join', 'leave', 'away', 'back', 'narration')),
	text TEXT NOT NULL,
	player TEXT NOT NULL DEFAULT '',     -- MUD: whose input, join, leave or narration
	PRIMARY KEY (game_id, n)
);
INSERT INTO journal_new (game_id, n, kind, text, player) SELECT game_id, n, kind, text, player FROM journal;
DROP TABLE journal;
ALTER TABLE journal_new RENAME TO journal;
