// Package narrate asks a language model to retell the game's text in the
// story's voice, and to answer for NPCs, without ever holding up the game.
//
// It owns the request queue, a fixed pool of workers (the concurrency
// cap), each player's hourly token budget, the rewrite cache, the prompts
// and the cleaning of model output. It does not own the model client
// (package llm implements [Backend]), and it never touches a world: it
// takes text in and gives text out.
//
// # Who calls what
//
// A process makes one [Engine] (NewEngine) and each world opens a
// [Narrator] with its story's voice (Engine.Story). The world's loop
// calls Narrator.Submit and selects on Narrator.Results. Submit returns at
// once whatever happens: a full queue drops the request, a spent budget
// refuses it, a cache hit is put on Results before Submit returns. The
// authored text is shown at once by the driver; the Event that may follow
// is the model's version of it.
//
// The driver does not import llm (nor net/http): it defines the interface
// it needs on its side, which *Narrator satisfies, and main wires them:
//
//	// driver/narration.go
//	type Narrator interface {
//		Submit(narrate.Request) narrate.Outcome // never blocks
//		Results() <-chan narrate.Event          // drained by World.Run's select
//	}
//
//	// main: --llm-url, --llm-model, key in the variable --llm-key-env names
//	client, err := llm.New(llm.Config{BaseURL: url, Model: model, APIKeyEnv: "TALE_LLM_KEY"})
//	engine, err := narrate.NewEngine(narrate.Config{CacheDir: filepath.Join(dataDir, "narration")}, client)
//	defer engine.Close()
//	opts.Narrator = engine.Story(narrate.Story{ID: st.Name, Version: st.Version, Voice: …})
//
// With Options.Narrator nil there is no narration: golden transcripts and
// replays run that way (contract 5), and so does a world whose players all
// said "narration off". The loop, per event:
//
//	case ev := <-w.narrator.Results():
//		// look up ev.ID in the loop's own map of pending requests (player,
//		// location, kind); drop ev if the player left or moved on; else
//		// emit a text event (marked as narration) with ev.Text to that
//		// player's stream only.
//
// # Untrusted output (contract 9)
//
// Event.Text is markup that means only text: escape sequences and control
// characters removed, bounded by MaxTextBytes, then markup-escaped
// ([Sanitize]). The driver puts it into an event as it is (it must not
// escape it again) and never parses it: no verb, flag, exit or ending
// can follow from model text. The prompt tells the model not to add exits,
// items or people, but nothing relies on the model obeying: if it says
// "the door is now open", that is a sentence, and the door is as the world
// says.
//
// # Streaming
//
// For one request: zero or more partial Events (Final false, Text the new
// piece to append), then exactly one Final if any Event was sent. A Final
// carries the whole text, to replace the partials; a Final with Abandoned
// set and no text means the model failed midway and the partial text
// should be taken back. Partials are a best effort (the first one the
// results channel refuses ends them); the Final is what counts.
//
// # Cache
//
// Room and examine rewrites depend only on the authored text, so they are
// cached by a hash of the story id and version, PromptVersion, the model
// and the prompt (which holds the text and the voice), shared by all
// players and worlds of the process, and kept in CacheDir across restarts:
// one file per entry in a two-hex-digit shard, written atomically, loaded
// at start, bounded in entries and bytes, least recently used evicted.
// A cached look costs no request and no budget. NPC answers depend on the
// question and are not cached unless Config.CacheDialogue is set; neither
// are action narrations. The cache stores the model's raw (bounded) text
// and cleans it on every delivery, so a tampered file still cannot inject
// markup.
//
// # Failure
//
// A dead backend at start is one warning line (a background probe). A
// failed request (timeout, error status, dead server, nothing usable) is
// one log line (at most one per logEvery for the same trouble), a counter
// in [Stats], and no Event unless partials were shown (then an Abandoned
// Final). Three failures in a row pause requests (30 s, doubling to 5
// min), so a dead model costs nothing. Nothing is ever shown to a player.
//
// # Concurrency
//
// Submit, Results, Close and Stats are safe from any goroutine. Workers
// are the only senders on a Results channel and never block on it.
package narrate
