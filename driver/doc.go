// Package driver is the game: the loop that owns a running story's world,
// the verbs, the clock, NPC behaviour, undo, save and restore.
//
// # Who owns what
//
// A World is one running story. Everything in it belongs to the one
// goroutine running World.Run (contract 1): the story and what is worked
// out from it once (indexes, exits, the verb table), the state every
// player shares (WorldState), the players and the inbox. Front ends reach
// it only through a player's session (World.Join, or Game.Session in IF
// mode), whose methods are messages into that loop: Send queues input,
// Subscribe and Complete carry a reply channel. Timer ticks arrive
// in the same select. Nothing else touches the world, so nothing locks it.
//
// A player is one person in the world: its PlayerState, its parser
// (pronouns, the pending "which do you mean?"), the open yes/no question,
// its undo stack, its transcript and its own event stream. The loop hands
// each input to its player's turns and each event to its player's stream.
// An IF Game is a World with exactly one player ("you"), seated by New
// before Run starts, so that the opening (banner, intro, welcome, first
// look) is the session's first events.
//
// What is whose (State embeds both halves, so a save stays one object):
//
//   - the world's: where every item is, doors, containers, hidden exits,
//     NPCs with their wounds and hostility, flags, counters, once-only
//     rules (Done), the timed-event queue, the clock (Ticks) and the one
//     seeded generator;
//   - the player's: location, what it wears and wields (what it carries
//     is the world's Items at its holder id, "player:<id>", so several
//     players can hold things), hit points and the other figures, score,
//     turns, places visited, verbosity, the ending it reached and the
//     open conversation menu.
//
// What the story declares each player's own (story.yaml's scope:, a
// scope: on a flag, counter, timed event or ending) lives in the
// player's PlayerState.Mine in MUD mode: flags, counters, awards given,
// and timed events that run on the player's own moves; a world's score
// and a world ending are in WorldState (shared.go). In IF mode every
// scope is kept as the world's: with one player that is the same game,
// and IF saves and transcripts do not change.
//
// # MUD mode
//
// Options.Mode "mud" is many players in one world (mud.go, verbs_mud.go).
// A turn belongs to the player who acts, but can show things to others
// (tell: text only, their state is not copied) and act on them (as: a
// monster's blow, a tick's news, through that player's eyes on a working
// copy of their state); everything it did to anyone is committed or
// dropped together. Others in the room are in look and State.Players;
// moves, takes, drops, blows, joins and leaves are told to whoever is in
// the room. Undo, save, restore and restart are refused (they would roll
// back the others); quit leaves the game, and what a leaving player held
// falls where they stood. The clock is the loop's ticker in MUD mode:
// worldTick fires the timed events once for every player, moves NPCs
// before whoever sees them and lets foes strike a player they pick with
// the world's generator; a command only gives the foes in its room their
// blow back (playerTick). A fallen player wakes at the respawn place
// (respawn.go) instead of reaching an ending. Doors and things handled
// are told to the room and beyond a door (announce.go). A crowded room
// names only its first maxNamed others, so an arrival changes nobody's
// state there.
//
// Idle logout and the link-dead grace read the wall clock, on a
// housekeeping ticker in the loop. That does not break determinism
// (contract 5): the wall clock only ever decides when a player leaves,
// and leaving is a turn like any other, so the same commands and leaves
// in the same order still play the same world.
//
// A turn is one unit of work (a command, a tick, an answer, the opening),
// made fresh for each: a working copy of the world's and the player's
// state, the output collected, hooks waiting for the reply (later), the
// menu to show last, an ending reached, and who acts. Handlers take the
// turn. When it succeeds its state becomes the committed one and its
// events are published; when it fails it is dropped whole. A committed
// State is never changed in place, which lets undo entries share maps.
// (A published turn's own allocation, emptied, is the next command's:
// recycle in turn.go. Nothing of it outlives its publishing.)
//
// # Output
//
// Handlers say markup (tio/markup) and emit events into their turn. A
// command is atomic: its turn works on a copy of the State, and only when
// it finishes are its events numbered, kept in the bounded replay ring
// and offered to every subscriber (tio/stream). When anything the status
// line shows has changed, a KindState leads them (after a clear, before
// the text), so a front end showing state beside text draws the reply
// with the place it describes; a menu or the ending comes last. A panic
// drops the turn and tells the player one sentence; the detail goes to
// the logger. A refusal (a handler returning a refusal error) undoes what
// the turn did, shows its text and takes no game time.
//
// Subscribers are never waited for: each has a buffered channel, and one
// that is full is closed and marked evicted. It can subscribe again with
// the last seq it handled and loses nothing still in the ring.
//
// # Narration
//
// With Options.Narrator set, a language model may retell what a turn
// showed (a room, a thing examined, a blow, another player's deed) and
// answer for a person no authored topic fits (narration.go). A turn only
// notes what could be retold; the notes go to the Narrator after its
// events are published, so the authored text is always out first, and
// the loop never waits: answers come back on Narrator.Results, a case of
// Run's select, and become KindNarration events for their one player,
// or are dropped when that player has moved on. The model's text never
// enters a State, never draws from the generator and never runs a verb;
// with no Narrator a game plays byte for byte as before (contract 5).
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
// Every random choice comes from the PCG generator kept in the
// WorldState, the clock is the tick count, and the world is iterated in
// story order (players in the order they joined), so the same story, seed
// and input lines give the same events.
package driver
