-- The journal keeps everything that changes a game, not only what a player
-- typed: timer ticks, players joining and leaving a shared world, and a
-- connection dropping and coming back (each tells the room, and so numbers
-- events). SQLite cannot change a CHECK in place: the table is rebuilt.

CREATE TABLE journal_new (
	game_id TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
	n BIGINT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('line', 'choice', 'tick', 'join', 'leave', 'away', 'back')),
	text TEXT NOT NULL,
	player TEXT NOT NULL DEFAULT '',     -- MUD: whose input, join or leave
	PRIMARY KEY (game_id, n)
);
INSERT INTO journal_new (game_id, n, kind, text, player) SELECT game_id, n, kind, text, player FROM journal;
DROP TABLE journal;
ALTER TABLE journal_new RENAME TO journal;
