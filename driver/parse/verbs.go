package parse

// Canonical verbs: what Command.Verb holds for a built-in command. The
// driver switches on these. Story verbs (Scope.Verbs) arrive as typed in
// Scope.Verbs, and soul verbs under their soul name with Social set.
//
//	verb        typical input                        fields set
//	take        take/get/pick up X, take all         Objects, All
//	            take X from Y, take X out of Y,      Objects, Prep "from", Second
//	            remove X from Y, take X off Y
//	drop        drop/discard X, put X down            Objects, All
//	put         put X in/into/inside Y, insert X in Y Objects, Prep "in", Second
//	            put X on/onto Y                      Objects, Prep "on", Second
//	give        give X to Y, give Y X                Objects, Prep "to", Second
//	show        show X to Y, show Y X                Objects, Prep "to", Second
//	examine     examine/x/look at/inspect/check X    Objects
//	look        look, l, look around                 —
//	search      search X, look in/inside/into X      Objects
//	look_under  look under/behind X                  Objects
//	read open close                                  Objects
//	lock unlock lock X with Y; unlock X              Objects, Prep "with", Second (nil when not said)
//	            open X with Y is unlock
//	go          n, north, go north, climb up         Direction (normalised: "north", "up", …)
//	            gate, go gate, go through gate       Direction (a name from Scope.Exits)
//	            go to/through X (X a noun, e.g. door) Objects
//	enter       enter X, go in/into X, get in X      Objects (none for a bare "enter"/"in")
//	exit        exit, leave, out, get out/off,       Objects (none when bare)
//	            climb out, get out of X, get off X
//	            "in"/"out" are Direction for go when Scope.Exits has them
//	climb       climb X, climb up/over X             Objects
//	inventory   inventory, i, inv, take inventory    —
//	wait        wait, z                              —
//	say         say hello, say "hi" to X, 'hi, "hi"  Text as typed; Prep "to", Second = listener
//	            (say, answer, shout: the whole rest of the line, "." and "then" too)
//	            keeper, hello                        as say hello to keeper
//	answer      answer yes to X                      Text; Prep "to", Second
//	ask         ask X about T, ask X for T           Objects[0] = X, Prep "about"/"for", Topic
//	            ask about T                          Topic, no Objects
//	tell        tell X about T                       Objects[0], Prep "about", Topic
//	talk        talk/speak to X, talk X              Objects
//	yes no      yes, y, no                           — ("n" is north)
//	listen smell touch taste   with or without X     Objects
//	eat drink wear take_off wield                    Objects (take_off: take off X, remove X)
//	attack      attack/kill/hit/fight X [with Y]     Objects, Prep "with", Second
//	            (never "strike", left to stories: "strike match")
//	push pull turn      push/press/move X; pull X; turn X
//	switch_on switch_off  turn/switch on X, turn X off
//	flee map sleep jump sing think               —  (jump over X: Objects)
//	pronouns    pronouns, nouns                      Text: what it/him/her/them mean now
//	wait        wait N, wait N turns/minutes         Text: the number as typed
//	exits       exits                                —
//
// Out-of-world verbs, returned with Result.Meta set:
//
//	undo; save [NAME] and restore/load [NAME] (Text = NAME as typed);
//	restart; score/full; help/? [TOPIC] (Text); hint/hints; verbose/long;
//	brief/normal; superbrief/short; transcript/script [on|off] (Text "on"
//	or "off"; bare means "on"); quit/q; pronouns; about/credits/info/version;
//	notify [on|off] (Text "on" or "off"; bare means "on"); saves (the
//	saved games there are).
//
// "again"/"g" and "oops"/"o" are resolved inside the parser and never
// returned.
const (
	Take       = "take"
	Drop       = "drop"
	Put        = "put"
	Give       = "give"
	Show       = "show"
	Examine    = "examine"
	Look       = "look"
	Search     = "search"
	LookUnder  = "look_under"
	Read       = "read"
	Open       = "open"
	Close      = "close"
	Lock       = "lock"
	Unlock     = "unlock"
	Go         = "go"
	Enter      = "enter"
	ExitVerb   = "exit"
	Climb      = "climb"
	Inventory  = "inventory"
	Wait       = "wait"
	Undo       = "undo"
	Save       = "save"
	Restore    = "restore"
	Restart    = "restart"
	Score      = "score"
	Help       = "help"
	Hint       = "hint"
	Verbose    = "verbose"
	Brief      = "brief"
	Superbrief = "superbrief"
	Transcript = "transcript"
	Quit       = "quit"
	Say        = "say"
	Ask        = "ask"
	Tell       = "tell"
	Talk       = "talk"
	Answer     = "answer"
	Yes        = "yes"
	No         = "no"
	Listen     = "listen"
	Smell      = "smell"
	Touch      = "touch"
	Taste      = "taste"
	Eat        = "eat"
	Drink      = "drink"
	Wear       = "wear"
	TakeOff    = "take_off"
	Wield      = "wield"
	Attack     = "attack"
	Flee       = "flee"
	Map        = "map"
	Push       = "push"
	Pull       = "pull"
	Turn       = "turn"
	SwitchOn   = "switch_on"
	SwitchOff  = "switch_off"
	Sleep      = "sleep"
	Jump       = "jump"
	Sing       = "sing"
	Think      = "think"
	Pronouns   = "pronouns"
	About      = "about"
	Exits      = "exits"
	Notify     = "notify"
	Saves      = "saves"
)

// The grammar. Lines are tried in order for the first word typed; the
// first whose shape fits and whose nouns resolve wins. Pattern words:
// literal words (alternatives joined by "/"), and slots:
//
//	MULTI    direct objects; "all", "all but X", "X and Y" allowed
//	OBJ      one direct object
//	PERSON   one direct object, people preferred
//	SECOND   the indirect object
//	PERSON2  the indirect object, people preferred
//	DIR      a direction word
//	PLACE    a named exit (→ go) or else a noun
//	TEXT     words kept as typed
//	TOPIC    words kept lower case
type def struct {
	verb, pat string
	prep      string
	pref      pref   // which nouns the direct object prefers when a name is ambiguous
	meta      bool   // out of world
	text      string // a fixed Command.Text ("on"/"off" for transcript)
	dir       string // a fixed Command.Direction ("climb" alone is "up")
}

type pref uint8

const (
	prefNone pref = iota
	prefHere      // take: things lying here over things carried
	prefHeld      // drop, put, give …: things carried
)

var defs = []def{
	// out of world
	{verb: Undo, pat: "undo", meta: true},
	{verb: Save, pat: "save", meta: true},
	{verb: Save, pat: "save TEXT", meta: true},
	{verb: Restore, pat: "restore/load", meta: true},
	{verb: Restore, pat: "restore/load TEXT", meta: true},
	{verb: Restart, pat: "restart", meta: true},
	{verb: Score, pat: "score/full/fullscore", meta: true},
	{verb: Score, pat: "full score", meta: true},
	{verb: Help, pat: "help/?", meta: true},
	{verb: Help, pat: "help/? TEXT", meta: true},
	{verb: Hint, pat: "hint/hints", meta: true},
	{verb: Verbose, pat: "verbose/long", meta: true},
	{verb: Brief, pat: "brief/normal", meta: true},
	{verb: Superbrief, pat: "superbrief/short", meta: true},
	{verb: Transcript, pat: "transcript/script", meta: true, text: "on"},
	{verb: Transcript, pat: "transcript/script on", meta: true, text: "on"},
	{verb: Transcript, pat: "transcript/script off", meta: true, text: "off"},
	{verb: Transcript, pat: "unscript/noscript", meta: true, text: "off"},
	{verb: Quit, pat: "quit/q", meta: true},
	{verb: Pronouns, pat: "pronouns/nouns", meta: true},
	{verb: About, pat: "about/credits/info/version/copyright", meta: true},
	{verb: Notify, pat: "notify", meta: true, text: "on"},
	{verb: Notify, pat: "notify on", meta: true, text: "on"},
	{verb: Notify, pat: "notify off", meta: true, text: "off"},
	{verb: Saves, pat: "saves", meta: true},
	{verb: Saves, pat: "list saves", meta: true},
	{verb: Exits, pat: "exits", meta: true},

	// looking
	{verb: Look, pat: "look/l"},
	{verb: Look, pat: "look/l around"},
	{verb: Examine, pat: "look/l at OBJ"},
	{verb: Search, pat: "look/l in/inside/into/through OBJ"},
	{verb: LookUnder, pat: "look/l under/beneath/below/behind OBJ"},
	{verb: Examine, pat: "look/l OBJ"},
	{verb: Examine, pat: "examine/x/exa/inspect/check/describe/watch/study OBJ"},
	{verb: Search, pat: "search OBJ"},
	{verb: Read, pat: "read OBJ"},
	{verb: Inventory, pat: "inventory/i/inv/invent"},
	{verb: Inventory, pat: "take/check inventory"},

	// taking and leaving ("get out" and "get off" leave, before "get X"
	// could read "out" as a thing to take)
	{verb: ExitVerb, pat: "get/climb out/outside/off"},
	{verb: Take, pat: "take/get/carry/hold/grab MULTI", pref: prefHere},
	{verb: TakeOff, pat: "take off OBJ", pref: prefHeld},
	{verb: TakeOff, pat: "take OBJ off", pref: prefHeld},
	{verb: Take, pat: "take/get/remove MULTI from/off SECOND", prep: "from"},
	{verb: Take, pat: "take/get/remove MULTI out of SECOND", prep: "from"},
	{verb: Take, pat: "pick up MULTI", pref: prefHere},
	{verb: Take, pat: "pick MULTI up", pref: prefHere},
	{verb: TakeOff, pat: "remove/doff OBJ", pref: prefHeld},
	{verb: Put, pat: "put/place/set/stick/drop/insert MULTI in/into/inside SECOND", prep: "in", pref: prefHeld},
	{verb: Put, pat: "put/place/set/drop MULTI on/onto/upon SECOND", prep: "on", pref: prefHeld},
	{verb: Wear, pat: "put on OBJ", pref: prefHeld},
	{verb: Wear, pat: "put OBJ on", pref: prefHeld},
	{verb: Drop, pat: "put/set/throw down MULTI", pref: prefHeld},
	{verb: Drop, pat: "put/set/throw MULTI down", pref: prefHeld},
	{verb: Drop, pat: "throw away MULTI", pref: prefHeld},
	{verb: Drop, pat: "throw MULTI away", pref: prefHeld},
	{verb: Drop, pat: "drop/discard/throw MULTI", pref: prefHeld},
	{verb: Give, pat: "give/offer/hand/feed MULTI to PERSON2", prep: "to", pref: prefHeld},
	{verb: Give, pat: "give/offer/hand/feed PERSON2 MULTI", prep: "to", pref: prefHeld},
	{verb: Show, pat: "show/display/present OBJ to PERSON2", prep: "to", pref: prefHeld},
	{verb: Show, pat: "show/display/present PERSON2 OBJ", prep: "to", pref: prefHeld},

	// things
	{verb: Unlock, pat: "open OBJ with SECOND", prep: "with"},
	{verb: Open, pat: "open OBJ"},
	{verb: Close, pat: "close/shut OBJ"},
	{verb: Lock, pat: "lock OBJ with SECOND", prep: "with"},
	{verb: Lock, pat: "lock OBJ"},
	{verb: Unlock, pat: "unlock OBJ with SECOND", prep: "with"},
	{verb: Unlock, pat: "unlock OBJ"},
	{verb: Eat, pat: "eat/consume OBJ", pref: prefHeld},
	{verb: Drink, pat: "drink/sip/quaff OBJ", pref: prefHeld},
	{verb: Wear, pat: "wear/don OBJ", pref: prefHeld},
	{verb: Wield, pat: "wield OBJ", pref: prefHeld},
	{verb: SwitchOn, pat: "turn/switch on OBJ"},
	{verb: SwitchOn, pat: "turn/switch OBJ on"},
	{verb: SwitchOff, pat: "turn/switch off OBJ"},
	{verb: SwitchOff, pat: "turn/switch OBJ off"},
	{verb: Turn, pat: "turn/rotate/twist/spin OBJ"},
	{verb: Push, pat: "push/press/shove/move OBJ"},
	{verb: Pull, pat: "pull/drag/yank/tug OBJ"},
	{verb: Touch, pat: "touch/feel/rub/stroke OBJ"},
	{verb: Taste, pat: "taste/lick OBJ"},
	{verb: Smell, pat: "smell/sniff"},
	{verb: Smell, pat: "smell/sniff OBJ"},
	{verb: Listen, pat: "listen"},
	{verb: Listen, pat: "listen to OBJ"},
	{verb: Listen, pat: "hear OBJ"},
	// Not "strike": stories strike matches; see vainVerbs.
	{verb: Attack, pat: "attack/kill/hit/fight/punch/murder/slay OBJ with SECOND", prep: "with"},
	{verb: Attack, pat: "attack/kill/hit/fight/punch/murder/slay OBJ"},

	// moving
	{verb: Flee, pat: "flee/escape"},
	{verb: Flee, pat: "run away"},
	{verb: Go, pat: "go/walk/run/head/travel/proceed DIR"},
	{verb: Enter, pat: "go/walk/run/get/climb in/into/inside PLACE"},
	{verb: ExitVerb, pat: "go/get out/outside/off"},
	{verb: ExitVerb, pat: "get/stand up"},
	{verb: ExitVerb, pat: "get/climb out of OBJ"},
	{verb: ExitVerb, pat: "get/climb off OBJ"},
	{verb: Go, pat: "go/walk/run/head/travel/proceed to/toward/towards/through PLACE"},
	{verb: Go, pat: "go/walk/run/head/travel/proceed PLACE"},
	{verb: Enter, pat: "enter"},
	{verb: Enter, pat: "enter PLACE"},
	{verb: Enter, pat: "sit/stand/lie on/in PLACE"},
	{verb: ExitVerb, pat: "exit/leave"},
	{verb: ExitVerb, pat: "exit/leave OBJ"},
	{verb: Go, pat: "climb DIR"},
	{verb: Climb, pat: "climb up/over PLACE"},
	{verb: Climb, pat: "climb PLACE"},
	{verb: Go, pat: "climb", dir: "up"},

	// people
	{verb: Say, pat: "say/utter TEXT to PERSON2", prep: "to"},
	{verb: Say, pat: "say/utter TEXT"},
	{verb: Answer, pat: "answer/reply TEXT to PERSON2", prep: "to"},
	{verb: Answer, pat: "answer/reply TEXT"},
	{verb: Ask, pat: "ask/consult PERSON about TOPIC", prep: "about"},
	{verb: Ask, pat: "ask PERSON for TOPIC", prep: "for"},
	{verb: Ask, pat: "ask about TOPIC", prep: "about"},
	{verb: Tell, pat: "tell/inform PERSON about TOPIC", prep: "about"},
	{verb: Talk, pat: "talk/speak/chat to/with PERSON"},
	{verb: Talk, pat: "talk/speak/chat PERSON"},
	{verb: Yes, pat: "yes/y"},
	{verb: No, pat: "no"},

	// the rest
	{verb: Wait, pat: "wait/z"},
	{verb: Wait, pat: "wait/z TEXT"},
	{verb: Map, pat: "map"},
	{verb: Sleep, pat: "sleep/nap"},
	{verb: Jump, pat: "jump/hop/leap"},
	{verb: Jump, pat: "jump/hop/leap over/across/on/onto/off OBJ"},
	{verb: Sing, pat: "sing"},
	{verb: Think, pat: "think"},
}
