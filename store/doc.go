// Package store keeps what tale must not lose in a database: accounts and
// their sessions, guests, each player's games (a journal of accepted inputs
// plus snapshots), named saves, transcripts, MUD characters, MUD guests'
// seats and a world's shared state. It owns the schema, its migrations and the durability
// promise; it knows nothing of stories, parsing or HTTP.
//
// # Shape
//
// [Store] is one concrete type whose methods take a context and plain Go
// values (string, int64, uint64, []byte, time.Time) and speak only SQL that
// SQLite and PostgreSQL both understand: $1-style placeholders, BIGINT
// milliseconds for times, TEXT ids made by [NewID], INSERT … ON CONFLICT,
// CAST(… AS BIGINT) around aggregates. What differs between engines is the
// small [Backend] interface: how to open the writer and reader pools, the
// migrations (DDL differs: BLOB against BYTEA) and how to recognise a
// duplicate key. [OpenSQLite] is the embedded default; a PostgreSQL backend is
// a second implementation of Backend plus its own migrations folder, and
// the tests need only their openTest helper parameterised over backends.
//
// Consumers declare the few methods they call as their own interface
// (driver: CreateGame, Append, PutSnapshot, Replay, Compact; web: the
// account package), so a fake is never needed: tests open a real SQLite file
// in t.TempDir().
//
// # Durability (contract 8, "acknowledged is kept")
//
// Every write method has committed its transaction when it returns nil. The
// driver calls [Store.Append] with a command's input before it publishes the
// reply, so a reply a player has read is backed by a committed row.
//
// The SQLite backend runs in WAL mode with synchronous=NORMAL. A commit then
// writes its pages to the write-ahead log with write(2) but does not fsync
// it; the WAL is fsynced at checkpoints. The bytes are in the kernel's page
// cache the moment the call returns, so a crash of the process — a panic,
// the OOM killer, kill -9 — loses nothing: the next open reads them back
// from the WAL (TestAppendSurvivesSIGKILL proves it with a child process).
// That is what contract 8 and the crash test ask for. What NORMAL
// does not survive is the machine itself going down (power loss, kernel
// panic) before the next checkpoint: the last transactions are rolled back,
// and the database stays consistent. [Options.PowerSafe] selects
// synchronous=FULL, which fsyncs the WAL on every commit and so survives
// power loss too, at the price of one fsync per command (see
// BenchmarkAppend for both figures).
//
// # Connections
//
// SQLite allows one writer at a time. The store keeps one writer connection
// (a pool of size 1, transactions begun IMMEDIATE so a transaction takes the
// write lock at BEGIN and never fails upgrading it) and a separate pool of
// query-only reader connections: under WAL, readers see the last committed
// state and neither block nor are blocked by the writer, so loading a game
// never waits behind another game's append. Writes queue in Go on the one
// connection instead of spinning on SQLITE_BUSY.
//
// # Migrations
//
// The schema lives in numbered files (migrations/<backend>/0001_name.sql),
// embedded in the binary. [Open] applies the missing ones in order, each in
// its own transaction together with its row in schema_migrations, and
// refuses a database whose schema is newer than the binary ([ErrTooNew]), so
// an old binary never writes into a newer layout. A twenty-line migrator of
// our own is used instead of pressly/goose, whose go.mod pulls in drivers for
// ClickHouse, MySQL, MSSQL, Vertica, YDB and the Docker client; the table it
// keeps is the same shape, so moving to goose later stays possible.
//
// # Games
//
// A game row holds what replay needs besides inputs: story id and version,
// mode, seed. Its journal is the accepted inputs in order, numbered from 1
// without gaps; [Store.Append] takes the number the caller expects and
// fails with [ErrConflict] if it is not the next one, which also catches a
// game running in two places (contract 8, "a game runs in exactly one
// place"). A snapshot is the engine's serialized state after input n;
// [Store.Replay] returns the newest snapshot and only the entries after it,
// and [Store.Compact] drops what the newest snapshot makes unnecessary.
package store
