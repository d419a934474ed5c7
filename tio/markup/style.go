package markup

// Style is a set of style flags. Flags combine: <bright><ul> gives
// Bright|Underline.
type Style uint16

const (
	Dim Style = 1 << iota
	Bright
	Underline
	Italic
	Reverse
	Location
	// Monospaced text forms a block of its own (Paragraph.Mono) whose
	// spaces and line breaks are kept.
	Monospaced
)

// Has reports whether every flag of f is set in s.
func (s Style) Has(f Style) bool { return s&f == f }

// styleNames are the tag names, which HTML reuses as class names
// ("txt-" + name) so a stylesheet reads like the story source.
var styleNames = [...]struct {
	flag Style
	name string
}{
	{Dim, "dim"},
	{Bright, "bright"},
	{Underline, "ul"},
	{Italic, "it"},
	{Reverse, "rev"},
	{Location, "location"},
	{Monospaced, "monospaced"},
}

// Role says what a piece of text names, so a front end can do something
// useful with it (a clickable exit, a highlighted item).
type Role uint8

const (
	None Role = iota
	Exit
	Item
	Living
	Player
	UserInput
)

var roleNames = [...]string{
	None:      "",
	Exit:      "exit",
	Item:      "item",
	Living:    "living",
	Player:    "player",
	UserInput: "userinput",
}

// String is the role's tag name ("exit"), or "" for None.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return ""
}

// Speech says that text is something said or done by someone, to those
// who hear or see it, so a front end can set it apart from narration
// without reading English. It is a dimension of its own, beside the role:
// in <say><player>Ann</player> says: “hi”</say> the name keeps its role.
type Speech uint8

const (
	NoSpeech Speech = iota
	Say             // said to the room: Ann says: “…”
	Tell            // said to one listener alone: Ann tells you: “…”
	Shout           // shouted, and heard beyond the room
	Emote           // done for others to see: emotes and social verbs
)

var speechNames = [...]string{
	NoSpeech: "",
	Say:      "say",
	Tell:     "tell",
	Shout:    "shout",
	Emote:    "emote",
}

// String is the speech's tag name ("say"), or "" for NoSpeech.
func (k Speech) String() string {
	if int(k) < len(speechNames) {
		return speechNames[k]
	}
	return ""
}

// Mark wraps markup in k's tag: Say.Mark("You say: …") is
// "<say>You say: …</say>". Whatever s holds of what a player typed must
// be escaped already ([Escape]), so it cannot close the tag.
func (k Speech) Mark(s string) string {
	if k == NoSpeech || int(k) >= len(speechNames) {
		return s
	}
	n := speechNames[k]
	return "<" + n + ">" + s + "</" + n + ">"
}

// tagOp is what a recognised tag does to the parser state.
type tagOp uint8

const (
	opStyleOn tagOp = iota + 1
	opStyleOff
	opReset  // </>
	opNormal // <normal>
	opClear  // <clear>
	opRoleOn
	opRoleOff
	opNothing // closers of tags that have nothing to close (</normal>, </clear>)
	opBreak   // <br>
	opSpeechOn
	opSpeechOff
)

type tag struct {
	op     tagOp
	style  Style
	role   Role
	speech Speech
}

// maxTagLen bounds how far the parser looks for '>' after a '<', so a
// stray '<' in a long text costs a few bytes of look-ahead, not a scan.
const maxTagLen = len("/monospaced")

var tags = func() map[string]tag {
	m := map[string]tag{
		"/":       {op: opReset},
		"normal":  {op: opNormal},
		"/normal": {op: opNothing},
		"clear":   {op: opClear},
		"/clear":  {op: opNothing},
		"br":      {op: opBreak},
	}
	for _, s := range styleNames {
		m[s.name] = tag{op: opStyleOn, style: s.flag}
		m["/"+s.name] = tag{op: opStyleOff, style: s.flag}
	}
	for r := Exit; r <= UserInput; r++ {
		m[r.String()] = tag{op: opRoleOn, role: r}
		m["/"+r.String()] = tag{op: opRoleOff, role: r}
	}
	for k := Say; k <= Emote; k++ {
		m[k.String()] = tag{op: opSpeechOn, speech: k}
		m["/"+k.String()] = tag{op: opSpeechOff, speech: k}
	}
	return m
}()
