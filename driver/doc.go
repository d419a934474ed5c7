// Package driver is the game: the loop that owns a running story's world,
// the verbs, the clock, NPC behaviour, undo, save and restore.
//
// # Who owns what
//
// A Game's world (its State) belongs to the one goroutine running
// Game.Run. Front ends reach it only through Game.Session, whose methods
// are messages into that loop: Send queues input, Subscribe and Complete
// carry a reply channel. Timer ticks arrive in the same select. Nothing
// else reads or writes the State, so nothing locks it.
//
// New runs on the caller's goroutine before Run starts and emits the
// opening (banner, intro, welcome, first look) as the session's first
// events, so a subscriber asking for everything from seq 1 sees the game
// from its start.
//
// # Output
//
// Handlers say markup (tio/markup) and emit events into a per-command
// collection. A command is atomic: the State is copied before it runs, and
// only when it finishes are its events numbered, kept in the bounded
// replay ring and offered to every subscriber. When anything the status
// line shows has changed, a KindState leads them (after a clear, before
// the text), so a front end showing state beside text draws the reply
// with the place it describes; a menu or the ending comes last. A panic
// restores the copy, drops the collected output and tells the player one
// sentence; the detail goes to the logger. A refusal (a handler returning
// a refusal error) shows its text and takes no game time.
//
// Subscribers are never waited for: each has a buffered channel, and one
// that is full is closed and marked evicted. It can subscribe again with
// the last seq it handled and loses nothing still in the ring.
//
// # Verbs
//
// verbs.go is the table from the parser's canonical verbs to handlers,
// one file per family (verbs_look.go, verbs_items.go, verbs_doors.go,
// verbs_move.go, verbs_talk.go, verbs_body.go, verbs_senses.go, combat.go,
// verbs_meta.go). A story's own Actions on the object (or the location)
// run before the built-in handler.
//
// # Determinism
//
// Every random choice comes from the PCG generator kept in the State, the
// clock is the tick count, and the world is iterated in story order, so the
// same story, seed and input lines give the same events.
package driver
