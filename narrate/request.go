package narrate

// Kind is what a narration is for.
type Kind uint8

const (
	// Room rewrites a location's description (look, arriving).
	Room Kind = iota + 1
	// Examine rewrites what examining a thing or a person shows.
	Examine
	// Dialogue is an NPC's free answer when no authored topic matched.
	Dialogue
	// Action narrates a fight's blow or another player's deed (MUD).
	Action
)

var kindNames = [...]string{Room: "room", Examine: "examine", Dialogue: "dialogue", Action: "action"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// rewrite reports the kinds whose answer depends only on the authored
// text, so one answer serves every player (and is cached).
func (k Kind) rewrite() bool { return k == Room || k == Examine }

// Story is what every prompt of one story shares: its identity (part of
// the cache key) and its voice. The LlamaTale fields that fed its prompts
// (context, type, world_info, world_mood) have a field each here, so a
// LlamaTale import keeps them.
type Story struct {
	ID      string // the story's name in the story tree, e.g. "demo"
	Version string // the story's version: a new version is a new cache
	Title   string
	Voice   string // e.g. "second person, present tense"
	Style   string // e.g. "terse and wry, like Infocom"
	Genre   string // LlamaTale "type", e.g. "fantasy"
	Context string // LlamaTale "context": the premise, the plot so far
	World   string // LlamaTale "world_info"
	// Mood is LlamaTale's "world_mood", -5 (uttermost hostile) to 5
	// (uttermost friendly); 0 says nothing.
	Mood int
}

// NPC is what a person knows and is like, for its free dialogue.
type NPC struct {
	Name        string
	Personality string   // LlamaTale "personality": how it speaks and behaves
	Occupation  string   // LlamaTale "occupation"
	Topics      []string // what it has authored answers about
	Knows       []string // facts it may tell
}

// Request is one piece of text the driver would like narrated. The
// authored text stands until (and unless) the Final event arrives.
type Request struct {
	// ID is the caller's, echoed in every Event, so the driver can tell
	// whether the answer still fits (the player may have moved on).
	ID     uint64
	Player string // whose budget pays, and who is told
	Kind   Kind
	// Facts is the authored text as shown (markup): the rewrite's fact
	// sheet, the place a dialogue happens in, or what an action did.
	// Markup tags are removed before the model sees it.
	Facts string
	// Said is what the player said to the NPC (Dialogue only).
	Said string
	// NPC speaks in a Dialogue; it may be nil for the other kinds.
	NPC *NPC
}

// Event is what the caller receives, on [Narrator.Results].
//
// For one request there are zero or more partial events (Final false),
// then exactly one Final event if any event was sent at all. Text is
// markup-safe: model text already escaped ([Sanitize]), so the driver puts
// it into an event as it is, and never parses it for meaning.
type Event struct {
	ID     uint64
	Player string
	Kind   Kind
	// Final is false for a piece to append to what the player sees so far
	// of this narration, true for the whole text that replaces it.
	Final bool
	Text  string
	// Cached is true when the text came from the cache, with no request.
	Cached bool
	// Abandoned is a Final with no text: the model failed after partial
	// text was shown, which the front end should now take back; the
	// authored text stands.
	Abandoned bool
}

// Outcome is what Submit did with a request. The caller needs none of
// them to play on; they are for tests, metrics and the log.
type Outcome uint8

const (
	// Queued: a worker will ask the model; an Event may follow.
	Queued Outcome = iota + 1
	// Cached: the Final event is already on the results channel.
	Cached
	// Dropped: the queue was full (or the results channel, for a cache hit).
	Dropped
	// OverBudget: the player spent their tokens for this hour.
	OverBudget
	// Paused: the backend failed repeatedly; requests wait out a pause.
	Paused
	// Off: the narrator is closed, or the request has nothing to narrate.
	Off
)

var outcomeNames = [...]string{Queued: "queued", Cached: "cached", Dropped: "dropped", OverBudget: "over budget", Paused: "paused", Off: "off"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) && outcomeNames[o] != "" {
		return outcomeNames[o]
	}
	return "unknown"
}
