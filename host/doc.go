// Package host owns which games are loaded, and for whom: it gives each
// owner (an account or a guest id) their own durable game of the story it
// serves, loads it from the store on first use, unloads it after nobody
// has been attached to it for a while, and loads it back on the next
// connection. It is what the web server calls; it knows nothing of HTTP.
//
// # API for the web
//
//	h, err := host.New(host.Options{Store: st, Story: s, Driver: opts})
//	a, err := h.Open(ctx, owner) // owner: account id or guest id
//	sess := a.Session()          // a tio.Session: Subscribe(since), Send, Sync…
//	…
//	a.Release()                  // the connection went away
//	h.Close()                    // at shutdown: stops every game
//
// Open is per connection: every Open is matched by one Release, and a
// game with no attachment left is unloaded after Options.IdleUnload. Two
// connections of one owner share the one game (and its session), as two
// tabs of one player do.
//
// # Durability (contract 8)
//
// Each game is a driver game with a Journal on the store: every input is
// appended, durably, before it is played, and a snapshot is written every
// Options.Driver.SnapshotEvery entries, after which the journal before it
// is compacted away. Loading is driver.RebuildGame from the store's
// Replay, so a game unloaded, or lost with a crashed process, comes back
// exactly as it was, with the same event numbers: a client resuming with
// ?since=SEQ gets the events after SEQ (the last events are kept in the
// snapshot and replayed from the tail); from further back it gets a
// snapshot of the screen (Resynced).
//
// With Options.Narrator each game, as it loads, gets a narrator of its
// own (from one model engine the caller shares), closed when it unloads.
// The model's narration is journaled as it is shown and replayed from the
// journal, never asked for again; a request in flight when a game is
// unloaded or its process dies is lost.
//
// # One place at a time
//
// In this process a game is loaded at most once: concurrent Opens of one
// owner wait for the one load, and a game being unloaded is fully stopped
// before it is loaded again. Across processes the store's journal is the
// fence: an append whose number is already taken fails with
// store.ErrConflict. The game that gets it refuses the input, logs that
// the game is being played elsewhere, and is unloaded, closing its
// sessions; the next Open loads what the journal holds.
package host
