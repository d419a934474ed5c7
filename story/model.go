package story

// This file is the story format: every type here is decoded from YAML with
// unknown fields refused, so the yaml tags are the names authors write.
// docs/story-format.md documents each field; keep the two in step.

// Story is a loaded, validated story: its configuration and its world.
// A Story is immutable once loaded; the driver keeps the mutable game state
// (where things are, flags, counters, door states) separately, so that undo
// and save are copies of that small state, never of the Story.
type Story struct {
	ID     string // the folder name, e.g. "demo"
	Config Config

	Locations map[string]*Location
	Items     map[string]*Item
	Doors     map[string]*Door
	NPCs      map[string]*NPC
	Events    map[string]*TimedEvent
	Rules     []*Rule

	// Flags and Counters are the declared ones (flags:, counters: in a
	// world file); a flag or counter used without a declaration has the
	// story's default scope.
	Flags    map[string]*Flag
	Counters map[string]*Flag

	// Texts holds every text with varying parts ([if …], [one of]),
	// parsed, by the text as written; the loader fills it.
	Texts map[string]Text

	// Order lists ids in the order they were declared (files sorted by
	// name, then document order), so anything iterating the world does so
	// deterministically.
	Order Order

	// Assets opens the story folder's files (images), by paths relative
	// to the folder. Load sets it to an FSAssets; a generated story
	// inherits its base's, and a story built in Go may leave it nil.
	Assets AssetSource
}

// Order keeps declaration order of every kind of id.
type Order struct {
	Locations []string
	Items     []string
	Doors     []string
	NPCs      []string
	Events    []string
	Flags     []string
	Counters  []string
}

// AssetSource opens files (images) of a story folder. It is satisfied by
// fs.FS; it is an interface here so a generated story can have none.
type AssetSource interface {
	Open(name string) (File, error)
}

// File is the part of fs.File the runtime needs.
type File interface {
	Read(p []byte) (int, error)
	Close() error
}

// Config is story.yaml.
type Config struct {
	Name         string             `yaml:"name"`
	Author       string             `yaml:"author"`
	Version      string             `yaml:"version"`
	License      string             `yaml:"license"`
	RequiresTale string             `yaml:"requires_tale"` // minimum runtime version, e.g. "0.1"
	Description  string             `yaml:"description"`   // one line, for `tale --list`
	Intro        string             `yaml:"intro"`         // markup shown before the game starts (title card)
	Welcome      string             `yaml:"welcome"`       // markup shown when play begins, before the first look
	Start        string             `yaml:"start"`         // location id
	Player       Player             `yaml:"player"`
	Modes        []string           `yaml:"modes"` // "if", "mud"; default [if]
	Tick         Tick               `yaml:"tick"`
	Clock        Clock              `yaml:"clock"`
	Seed         *uint64            `yaml:"seed"` // default seed; nil means random (printed)
	MaxScore     int                `yaml:"max_score"`
	Endings      map[string]*Ending `yaml:"endings"`
	Hints        []*Hint            `yaml:"hints"`
	Savegames    *bool              `yaml:"savegames"` // default true
	Generator    *Generator         `yaml:"generator"`
	Scope        Scope              `yaml:"scope"`      // in MUD mode, whose each kind of state is by default
	Respawn      string             `yaml:"respawn"`    // in MUD mode, where a fallen player wakes; default start
	Narration    *Narration         `yaml:"narration"`  // how a language model may retell the story (tale --llm-url); narration.go
	Typography   string             `yaml:"typography"` // TypographyCurly (default) or TypographyStraight: the one quote style of the game
}

// The values of Config.Typography: whether every quote and apostrophe the
// player reads, the story's and the runtime's alike, is curly (“…” it’s)
// or straight ("..." it's).
const (
	TypographyCurly    = "curly"
	TypographyStraight = "straight"
)

// Scope is story.yaml's scope: for a shared world (MUD mode), whether each
// kind of state is every player's own (ScopePlayer) or one for the whole
// world (ScopeWorld), where a declaration does not say. Empty means the
// default given beside each field. In IF mode there is one player, so
// every scope plays the same.
type Scope struct {
	Flags   string `yaml:"flags"`   // flags and counters; default world
	Events  string `yaml:"events"`  // timed events; default world
	Endings string `yaml:"endings"` // default player: an ending ends one player's story
	Score   string `yaml:"score"`   // default player: each their own score, each award once for each
}

// Flag declares a flag or a counter (flags: and counters: in a world
// file): its scope, where it differs from the story's default.
type Flag struct {
	ID    string `yaml:"-"`
	Scope string `yaml:"scope"`
}

// Player holds the player's defaults.
type Player struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Gender      string   `yaml:"gender"`    // "f", "m", "n" (default "n")
	Capacity    int      `yaml:"capacity"`  // total weight the player can carry; 0 means no limit
	Inventory   []string `yaml:"inventory"` // item ids carried at the start
	Stats       *Stats   `yaml:"stats"`     // for stories with combat
}

// Tick says when game time advances.
type Tick struct {
	// Method is "command" (a tick after every command that takes time; the
	// default) or "timer" (a tick every Period of real time, command or not).
	Method string `yaml:"method"`
	// Period is a Go duration ("2s") between timer ticks.
	Period string `yaml:"period"`
}

// Clock is the game clock: where it starts and how far a tick moves it.
type Clock struct {
	Start          string `yaml:"start"`            // "2006-01-02 15:04" game date and time; default "0001-01-01 08:00"
	MinutesPerTick int    `yaml:"minutes_per_tick"` // default 1
}

// Ending is a named way the story can end.
type Ending struct {
	Kind  string `yaml:"kind"` // "win" or "lose"
	Title string `yaml:"title"`
	Text  string `yaml:"text"`  // markup
	Scope string `yaml:"scope"` // whom it ends the story for in MUD mode; default scope.endings
}

// Hint is offered by the `hint` command: the first hint (in order) whose
// condition holds is shown.
type Hint struct {
	If   Conditions `yaml:"if"`
	Text string     `yaml:"text"`
}

// Generator names a built-in procedural generator and its parameters. The
// parameters are decoded by the generator itself.
type Generator struct {
	Name   string         `yaml:"name"`
	Params map[string]any `yaml:"params"`
}

// Location is a place the player can be.
type Location struct {
	ID          string    `yaml:"-"`
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"` // markup, shown on look (verbose) and first visit
	Brief       string    `yaml:"brief"`       // optional shorter text for brief mode revisits
	Image       string    `yaml:"image"`       // path relative to the story folder
	Dark        bool      `yaml:"dark"`        // unlit: the player sees only by a lit item (light.go in the driver)
	Details     []*Detail `yaml:"details"`
	// Exits are keyed by direction: north south east west northeast
	// northwest southeast southwest up down in out (abbreviations n, ne, u,
	// d, … are accepted and normalised).
	Exits map[string]*Exit `yaml:"exits"`
	// Passages are named exits (a gate, a trapdoor), keyed by their name.
	Passages map[string]*Exit `yaml:"passages"`
	OnEnter  []*Reaction      `yaml:"on_enter"`
	Actions  []*Action        `yaml:"actions"` // verbs that mean something here
}

// Exit leads from one location to another. In YAML an exit is either a bare
// location id (`north: hall`) or a mapping.
type Exit struct {
	To          string     `yaml:"to"`
	Door        string     `yaml:"door"`        // door id; the door's state governs passage
	Back        string     `yaml:"back"`        // direction of the paired exit to create in To (e.g. "south")
	Aliases     []string   `yaml:"aliases"`     // extra words that name this exit ("gate", "through the gate")
	Hidden      bool       `yaml:"hidden"`      // not usable or listed until revealed by an effect
	Message     string     `yaml:"message"`     // markup shown when the player goes through
	Blocked     string     `yaml:"blocked"`     // markup shown when If fails
	If          Conditions `yaml:"if"`          // passage allowed only when these hold
	Description string     `yaml:"description"` // shown by `examine <exit>`
}

// Detail is scenery mentioned in a description that the player can examine
// but not otherwise use.
type Detail struct {
	Words  []string `yaml:"words"`
	Text   string   `yaml:"text"`
	Plural bool     `yaml:"plural"` // "gulls": the player refers to it as them
}

// Door sits on one or two exits and shares its state between them.
type Door struct {
	ID          string    `yaml:"-"`
	Name        string    `yaml:"name"`
	Aliases     []string  `yaml:"aliases"`
	Adjectives  []string  `yaml:"adjectives"`
	Description string    `yaml:"description"`
	State       string    `yaml:"state"` // "open", "closed" (default) or "locked"
	Key         string    `yaml:"key"`   // item id of the key; empty: cannot be locked/unlocked by hand
	Actions     []*Action `yaml:"actions"`
}

// Item is a thing: takeable, scenery, container, readable.
type Item struct {
	ID          string       `yaml:"-"`
	Name        string       `yaml:"name"`        // "brass key"; the last word is the noun
	Plural      bool         `yaml:"plural"`      // "some coins"
	Article     string       `yaml:"article"`     // override "a"/"an"/"some"; "" means automatic; "the" for unique things
	Aliases     []string     `yaml:"aliases"`     // other nouns ("key")
	Adjectives  []string     `yaml:"adjectives"`  // ("brass", "small")
	Description string       `yaml:"description"` // shown by examine
	InRoom      string       `yaml:"in_room"`     // optional sentence used in the room description instead of the list
	At          string       `yaml:"at"`          // location, container item, npc id, "player" or "nowhere" (default)
	Fixed       bool         `yaml:"fixed"`       // scenery: cannot be taken
	FixedMsg    string       `yaml:"fixed_message"`
	Weight      int          `yaml:"weight"`
	Value       int          `yaml:"value"`
	Text        string       `yaml:"text"` // readable text (read)
	Details     []*Detail    `yaml:"details"`
	Container   *Container   `yaml:"container"`
	Supporter   bool         `yaml:"supporter"` // things can be put on it
	Wearable    bool         `yaml:"wearable"`
	Edible      bool         `yaml:"edible"`
	Drinkable   bool         `yaml:"drinkable"`
	Weapon      *WeaponStats `yaml:"weapon"`
	Armour      *ArmourStats `yaml:"armour"`
	Heal        int          `yaml:"heal"`         // hp restored when eaten or drunk
	Score       int          `yaml:"score"`        // awarded once, the first time the player takes it
	LightSource bool         `yaml:"light_source"` // can be lit and put out (now: X, is: lit)
	Lit         bool         `yaml:"lit"`          // gives light at the start; implies LightSource
	// Properties are the story's own states of the thing ("broken",
	// "wet"), each with its value at the start.
	Properties map[string]bool `yaml:"properties"`
	Actions    []*Action       `yaml:"actions"`
	OnTake     []*Reaction     `yaml:"on_take"`
	OnDrop     []*Reaction     `yaml:"on_drop"`
}

// Container makes an item hold other items.
type Container struct {
	Capacity    int    `yaml:"capacity"` // total weight it holds; 0 means no limit
	Open        bool   `yaml:"open"`
	Openable    bool   `yaml:"openable"` // default true when Open is false
	Locked      bool   `yaml:"locked"`
	Key         string `yaml:"key"`         // item id
	Transparent bool   `yaml:"transparent"` // contents visible while closed
}

// Stats are the fighting figures of a player or creature.
type Stats struct {
	HP      int `yaml:"hp"`
	Attack  int `yaml:"attack"`
	Defence int `yaml:"defence"`
	Level   int `yaml:"level"`
	XP      int `yaml:"xp"` // xp given when defeated (creatures) or held (player)
	Gold    int `yaml:"gold"`
}

// WeaponStats makes an item wieldable.
type WeaponStats struct {
	Damage int `yaml:"damage"`
	Bonus  int `yaml:"bonus"` // to hit
}

// ArmourStats makes an item wearable for protection.
type ArmourStats struct {
	Defence int `yaml:"defence"`
}

// NPC is a living being other than the player.
type NPC struct {
	ID           string           `yaml:"-"`
	Name         string           `yaml:"name"`        // "old keeper" (a description) …
	ProperName   string           `yaml:"proper_name"` // … or "Maud" (then no article)
	Gender       string           `yaml:"gender"`      // "f", "m", "n"
	Aliases      []string         `yaml:"aliases"`
	Adjectives   []string         `yaml:"adjectives"`
	Description  string           `yaml:"description"`
	InRoom       string           `yaml:"in_room"` // sentence used in the room description
	At           string           `yaml:"at"`      // location id, or "nowhere" (default) until moved in
	Topics       []*Topic         `yaml:"topics"`
	DefaultReply string           `yaml:"default_reply"` // when asked about something unknown
	Talk         string           `yaml:"talk"`          // menu id opened by `talk to`
	Menus        map[string]*Menu `yaml:"menus"`
	Behaviour    Behaviour        `yaml:"behaviour"`
	Stats        *Stats           `yaml:"stats"`   // present: the NPC can fight
	Hostile      bool             `yaml:"hostile"` // attacks the player on sight
	Accepts      []*Accept        `yaml:"accepts"` // what happens when given things
	Properties   map[string]bool  `yaml:"properties"`
	Actions      []*Action        `yaml:"actions"`
}

// Topic answers `ask <npc> about <words>` and `tell <npc> about <words>`.
type Topic struct {
	About []string   `yaml:"about"` // words or phrases that select this topic
	Text  string     `yaml:"text"`  // markup reply
	If    Conditions `yaml:"if"`
	Do    Effects    `yaml:"do"`
}

// Menu is a choice menu in a conversation.
type Menu struct {
	Prompt  string        `yaml:"prompt"`
	Options []*MenuOption `yaml:"options"`
}

// MenuOption is one line of a Menu.
type MenuOption struct {
	Text  string     `yaml:"text"`  // what the player picks
	Reply string     `yaml:"reply"` // markup
	If    Conditions `yaml:"if"`    // shown only when these hold
	Once  bool       `yaml:"once"`  // hidden after being picked
	Do    Effects    `yaml:"do"`
	Next  string     `yaml:"next"` // menu id to open next; empty ends the conversation
}

// Behaviour is what an NPC does on ticks and on events.
type Behaviour struct {
	Wander    *Wander                `yaml:"wander"`
	Follow    bool                   `yaml:"follow"`     // follows the player from room to room
	OnArrival []*Reaction            `yaml:"on_arrival"` // when the player enters the NPC's location
	OnEvent   map[string][]*Reaction `yaml:"on_event"`   // keyed by timed event id
}

// Wander moves an NPC through exits at random (from the world's seeded
// generator) every Every ticks, staying within Within when given.
type Wander struct {
	Every  int      `yaml:"every"`
	Within []string `yaml:"within"`
}

// Accept is what an NPC does when given an item.
type Accept struct {
	Item  string     `yaml:"item"`
	Reply string     `yaml:"reply"`
	If    Conditions `yaml:"if"`
	Do    Effects    `yaml:"do"`
	// Keep is reserved: the driver ignores it, and an accepted item always
	// moves to the NPC (where the story's effects may move it on).
	Keep bool `yaml:"keep"`
}

// Action gives a verb a meaning for one thing or place: `pull lever`.
type Action struct {
	Verbs  []string   `yaml:"verbs"` // "pull", "yank"; multi-word verbs allowed ("push on")
	If     Conditions `yaml:"if"`
	Do     Effects    `yaml:"do"`
	Refuse string     `yaml:"refuse"` // markup shown when If fails; default is the verb's usual reply
	Once   bool       `yaml:"once"`
}

// Reaction is a conditional list of effects, used for hooks (on_enter, on_take, …).
type Reaction struct {
	If   Conditions `yaml:"if"`
	Do   Effects    `yaml:"do"`
	Once bool       `yaml:"once"`
}

// TimedEvent happens in game time: at a turn, after being scheduled, or
// every N ticks.
type TimedEvent struct {
	ID     string     `yaml:"-"`
	AtTurn int        `yaml:"at_turn"` // scheduled at the start for this turn (0: not scheduled)
	Every  int        `yaml:"every"`   // repeats every N ticks once it has happened
	If     Conditions `yaml:"if"`      // skipped (and not repeated) when these fail at its time
	Do     Effects    `yaml:"do"`
	Scope  string     `yaml:"scope"` // on whose time it runs in MUD mode; default scope.events
}

// Rule is a puzzle rule, checked after every turn.
type Rule struct {
	ID     string     `yaml:"id"`
	If     Conditions `yaml:"if"`
	Do     Effects    `yaml:"do"`
	Once   bool       `yaml:"once"`   // default true: a rule fires once
	Repeat bool       `yaml:"repeat"` // fire every turn the condition holds
}

// Conditions all have to hold (an empty list holds).
type Conditions []*Condition

// Condition is one test. Set exactly one of the primary keys (flag,
// not_flag, counter, carrying, not_carrying, in, item, door, npc, turn,
// visited, thing, any, not); counter, item, door, npc and turn take the
// qualifiers shown beside them.
type Condition struct {
	Flag        string     `yaml:"flag"`     // the flag is set
	NotFlag     string     `yaml:"not_flag"` // the flag is not set
	Counter     string     `yaml:"counter"`  // with at_least / at_most / equals
	Carrying    string     `yaml:"carrying"` // the player holds the item (also inside held containers)
	NotCarrying string     `yaml:"not_carrying"`
	In          string     `yaml:"in"`      // the player is in this location
	Item        string     `yaml:"item"`    // with at: the item is at a location, container, npc, "player" or "nowhere"
	Door        string     `yaml:"door"`    // with state: open, closed, locked
	NPC         string     `yaml:"npc"`     // with at: the npc is at a location
	Turn        bool       `yaml:"turn"`    // with at_least / at_most / equals on the turn counter
	Visited     string     `yaml:"visited"` // the player has been to this location
	Thing       string     `yaml:"thing"`   // with is: the item, door or npc is in that state
	Any         Conditions `yaml:"any"`     // at least one holds
	Not         Conditions `yaml:"not"`     // not all of these hold

	Is      string `yaml:"is"` // a state ("lit", "open", a property), or "not " and one
	At      string `yaml:"at"`
	State   string `yaml:"state"`
	AtLeast *int   `yaml:"at_least"`
	AtMost  *int   `yaml:"at_most"`
	Equals  *int   `yaml:"equals"`
}

// Effects run in order.
type Effects []*Effect

// Effect is one change to the world. Set exactly one of the primary keys
// (say, move, set, unset, counter, open, close, lock, unlock, reveal, hide,
// score, schedule, cancel, end, teleport, move_npc, now); move, counter,
// schedule, move_npc and now take the qualifiers shown beside them.
type Effect struct {
	Say      string `yaml:"say"`     // print markup
	Move     string `yaml:"move"`    // item id, with to: location/container/npc/"player"/"nowhere"
	Set      string `yaml:"set"`     // set a flag
	Unset    string `yaml:"unset"`   // clear a flag
	Counter  string `yaml:"counter"` // with add: N or value: N
	Open     string `yaml:"open"`    // door or container id
	Close    string `yaml:"close"`
	Lock     string `yaml:"lock"`
	Unlock   string `yaml:"unlock"`
	Reveal   string `yaml:"reveal"` // "location.direction" or "location.passage": make a hidden exit usable
	Hide     string `yaml:"hide"`
	Score    int    `yaml:"score"`    // add to the score (once per effect instance)
	Schedule string `yaml:"schedule"` // timed event id, with in: N ticks
	Cancel   string `yaml:"cancel"`   // timed event id
	End      string `yaml:"end"`      // ending id
	Teleport string `yaml:"teleport"` // move the player to a location (with a look)
	MoveNPC  string `yaml:"move_npc"` // npc id, with to: location or "nowhere"
	Now      string `yaml:"now"`      // item, door or npc id, with is: the state it is in from now on

	Is    string `yaml:"is"`
	To    string `yaml:"to"`
	Add   *int   `yaml:"add"`
	Value *int   `yaml:"value"`
	In    int    `yaml:"in"`
}
