package tio

// Kind says what an Event carries.
type Kind uint8

const (
	// KindText is story or driver output in markup (Event.Text).
	KindText Kind = iota + 1
	// KindState is a snapshot of what a status line or sidebar shows (Event.State).
	KindState
	// KindChoices is a menu the player may pick from (Event.Choices). The
	// menu stays open until the player picks or types another command.
	KindChoices
	// KindImage is a picture to show beside the text (Event.Image).
	KindImage
	// KindClear asks the front end to clear the story pane.
	KindClear
	// KindNoEcho says the next line is secret (a password): mask it and keep
	// it out of history and transcripts.
	KindNoEcho
	// KindEnd says the story is over (Event.Ending). No input is taken after
	// it except what the ending offers (restart, undo, quit).
	KindEnd
	// KindNarration is text a language model wrote (Event.Narration): a
	// retelling of a text already shown, or a person's free answer. It
	// always follows the authored text it stands beside, and front ends
	// mark it (subtly) as the model's. A front end that does not know it
	// may ignore it: the authored text is the whole game.
	KindNarration
)

var kindNames = [...]string{
	KindText:      "text",
	KindState:     "state",
	KindChoices:   "choices",
	KindImage:     "image",
	KindClear:     "clear",
	KindNoEcho:    "noecho",
	KindEnd:       "end",
	KindNarration: "narration",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Event is one item of a session's output stream.
//
// Seq numbers start at 1 and grow by one per event of the session, so a gap
// means lost events and a repeat means a duplicate; resume rests on that.
// Exactly the field that matches Kind is set.
type Event struct {
	Seq     uint64
	Kind    Kind
	Text    string   // KindText: markup, one or more paragraphs separated by a blank line
	State   *State   // KindState
	Choices *Choices // KindChoices
	Image   *Image   // KindImage
	Ending  *Ending  // KindEnd
	// KindNarration
	Narration *Narration

	// Snapshot is set on the synthetic events a fresh or resynced
	// subscriber receives first (the current look and state). They repeat
	// the Seq of the last real event instead of taking a new one.
	Snapshot bool
}

// State is what a status bar or sidebar shows. The driver sends one after
// every command that changed any of it.
type State struct {
	Story         string   `json:"story"`
	Location      string   `json:"location"`       // the location's display name
	LocationImage string   `json:"location_image"` // path relative to the story folder, or ""
	Exits         []string `json:"exits"`          // directions and named exits the player can see
	Items         []string `json:"items"`          // visible items in the location
	NPCs          []string `json:"npcs"`           // living beings present
	// Players are the other players present, by name, in MUD mode (never
	// markup: a name is text). Absent in IF mode.
	Players   []string `json:"players,omitempty"`
	Inventory []string `json:"inventory"`
	Turns     int      `json:"turns"`
	Score     int      `json:"score"`
	MaxScore  int      `json:"max_score"`
	Clock     string   `json:"clock"` // game time, formatted for display
	// The player's hit points and level in a story with combat; all 0 in
	// a story without.
	HP    int `json:"hp"`
	MaxHP int `json:"max_hp"`
	Level int `json:"level"`
}

// Choice is one option of a menu. ID decides; Text is what the player reads.
type Choice struct {
	ID   string `json:"choice_id"`
	Text string `json:"choice_text"`
}

// Choices is a menu (a conversation, a hint list, a yes/no question).
type Choices struct {
	Prompt  string   `json:"prompt"`
	Options []Choice `json:"choices"`
}

// Image is a picture from the story folder.
type Image struct {
	Path string // relative to the story folder
	MIME string
	Alt  string
}

// Ending says how the story ended.
type Ending struct {
	ID    string
	Title string
	Won   bool
}

// Narration is one event of a model's text. One narration (one ID) is
// zero or more pieces (Final false), each to append to what is shown of
// it so far, then exactly one Final whose Text replaces the pieces: a
// front end that streams shows the pieces as they come, one that does
// not (a screen reader, a transcript) shows only the Final. A Final with
// no Text takes back the pieces shown: the model failed midway, or the
// player moved on, and the authored text stands alone.
//
// Text is markup that means only text: the driver escaped the model's
// words and stripped control characters (contract 9), so it renders like
// any story text and never carries a tag the model wrote.
type Narration struct {
	ID    uint64 `json:"id"` // the same for every event of one narration, unique in the session
	Final bool   `json:"final"`
	Text  string `json:"text"`
	// Of says what was narrated: "room", "examine", "dialogue" or "action".
	Of string `json:"of"`
}
