package parse

// This file is the seam between the parser and the driver: the driver
// describes what the player can refer to (Scope) and gets back what the
// player meant (Result). The parser never sees the world itself.

// NounKind tells the parser what sort of thing a Noun is, for pronouns
// (him/her for people) and for likelihood when a name is ambiguous.
type NounKind uint8

const (
	Thing   NounKind = iota + 1 // an item or a door
	Person                      // an NPC
	Exit                        // a direction or named exit
	Scenery                     // a detail of a description
	Self                        // the player ("me", "myself")
)

// Noun is something the player can name right now.
type Noun struct {
	ID         string // opaque to the parser; the driver's id
	Kind       NounKind
	Name       string   // display name, e.g. "brass key" (used in questions and notices)
	Words      []string // nouns it answers to, lower case; may be several words ("brass key", "key")
	Adjectives []string // lower case
	Gender     string   // "m", "f", "n"; decides him/her/it
	Plural     bool     // "them"
	Held       bool     // carried by the player (preferred by take-from-inventory verbs like drop)
	Here       bool     // in the location (preferred by take)
	// Within is the ID of the container or supporter the noun is in or on
	// ("" when it lies loose or is carried directly). "take all from box"
	// takes the nouns Within the box; "take all" and "drop all" leave
	// things inside other things alone.
	Within string
	// Fits marks a key that fits a lock in sight: lock and unlock prefer
	// it for their tool ("unlock door with key" while carrying two keys).
	Fits bool
	// Closed marks a container whose contents are out of sight because it
	// is closed, so "take all from box" can say so.
	Closed bool

	// initials sums up how its words begin (Prepare); zero when it was
	// not prepared, and then every phrase is compared with it in full.
	initials uint64
}

// Scope is what the parser may resolve names against for one command.
type Scope struct {
	Nouns []Noun
	// Verbs are extra verbs the story gives its things ("pull" on a
	// lever, "ring" on a bell); they parse as VERB [NOUN] and reach the
	// driver with Command.Verb set to the word as typed. The driver offers
	// them beyond the things that have them, so that a verb used out of
	// its thing's sight fails on the noun, not on the word.
	Verbs []string
	// Exits are the usable exits here (normalised directions such as
	// "north", and named exits such as "gate"), for "go gate" and bare "gate".
	Exits []string
}

// Command is one resolved command.
type Command struct {
	Verb      string // canonical action ("take", "put", "go", "ask", …), a soul verb, or a story verb
	Objects   []Noun // direct objects; several after "all" or "X and Y"
	All       bool   // the player said "all" (so the driver reports per object)
	Prep      string // "in", "on", "to", "with", "about", "from", "at"
	Second    *Noun  // the indirect object (put X in Y: Y)
	Topic     string // ask/tell X about TOPIC: the words as typed, lower case
	Text      string // quoted or said text, as typed (escape before printing)
	Direction string // for "go": a normalised direction or a named exit
	Adverb    string // soul verbs: "happily"
	Social    bool   // a soul (social) verb
	Line      string // the input this command came from, for "again" and transcripts
}

// Result is what Parse returns for one line.
//
// Exactly one of these holds: Command is set (do it, then parse Rest if
// not empty: "take lamp then go north"); Question is set (the parser asks
// which thing was meant and takes the next line as the answer, unless that
// line is a command of its own); Error is set (say it, nothing happens).
type Result struct {
	Command  *Command
	Rest     string   // the remaining commands of the line, to parse after Command ran
	Notices  []string // markup to print first, e.g. "(the brass key)" after a pronoun or a guess
	Question string   // markup: "Which do you mean, the brass key or the iron key?"
	Error    string   // markup: a helpful refusal, e.g. "I don't know the word “xyzzy”."
	Meta     bool     // the command is out of the world (save, score, undo …): no time passes
}
