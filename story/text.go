package story

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Varying text: any text an author writes may hold, besides markup,
//
//	[if COND]…[else if COND]…[else]…[end]
//	[one of]…[or]…[or]…[cycling] (or [stopping], or [at random])
//
// Brackets that do not start one of these words are shown as written. The
// loader parses every text once (Story.Texts), so a mistake is a load
// error and the driver only evaluates.

// Text is a parsed varying text.
type Text []Part

// Part is a piece of a Text: literal markup, a choice on a condition, or a
// choice among alternatives.
type Part struct {
	Lit string

	If   *Condition // set for [if]: Then when it holds, else Else
	Then Text
	Else Text

	OneOf [][]Part // set for [one of]: the alternatives
	Mode  string   // OneOf's mode: Cycling, Stopping or AtRandom
	Key   int      // the [one of]'s place among the text's, 0 first: names its state
}

// The modes of [one of].
const (
	Cycling  = "cycling"   // each in turn, then again from the first
	Stopping = "stopping"  // each in turn, then the last for ever
	AtRandom = "at random" // any, by the world's random generator
)

// It is the thing a text belongs to, in a condition such as [if it is lit].
const It = "it"

// Varies says whether a text may hold varying parts, cheaply.
func Varies(s string) bool { return strings.Contains(s, "[") }

// ParseText parses a text's varying parts. A text without any is one
// literal part.
func ParseText(s string) (Text, error) {
	p := &textParser{src: s}
	t, end, err := p.parts(nil)
	if err != nil {
		return nil, err
	}
	if end != "" {
		return nil, p.errorf("[%s] has no [if] or [one of] to belong to", end)
	}
	return t, nil
}

type textParser struct {
	src  string
	i    int // next byte
	at   int // where the current directive started
	keys int // [one of]s so far

	lastArg string // the argument of the directive that stopped parts
}

func (p *textParser) errorf(format string, a ...any) error {
	line := strings.Count(p.src[:p.at], "\n") + 1
	msg := fmt.Sprintf(format, a...)
	if strings.Contains(p.src, "\n") {
		msg += fmt.Sprintf(" (line %d of the text)", line)
	}
	return fmt.Errorf("%s", msg)
}

// directive reads the next [word …] that is one of ours, returning the
// literal text before it. ok is false at the end of the text.
func (p *textParser) directive() (lit, word, arg string, ok bool) {
	start := p.i
	for p.i < len(p.src) {
		j := strings.IndexByte(p.src[p.i:], '[')
		if j < 0 {
			break
		}
		open := p.i + j
		end := closing(p.src, open)
		if end < 0 {
			break
		}
		inner := strings.TrimSpace(p.src[open+1 : end])
		if w, a, known := splitDirective(inner); known {
			p.at = open
			p.i = end + 1
			return p.src[start:open], w, a, true
		}
		p.i = open + 1
	}
	p.i = len(p.src)
	return p.src[start:], "", "", false
}

// closing finds the ] that closes the [ at open, skipping brackets and
// braces nested inside (a condition in braces may hold lists).
func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				if s[i] == ']' {
					return i
				}
				return -1
			}
		}
	}
	return -1
}

// splitDirective recognises our words; anything else in brackets is text.
func splitDirective(inner string) (word, arg string, ok bool) {
	low := strings.ToLower(inner)
	switch low {
	case "else", "otherwise", "end", "end if", "end one of", "one of", "or", Cycling, Stopping, AtRandom:
		switch low {
		case "otherwise":
			low = "else"
		case "end if":
			low = "end"
		}
		return low, "", true
	}
	for _, w := range []string{"if ", "else if ", "otherwise if "} {
		if strings.HasPrefix(low, w) {
			if w == "otherwise if " {
				w, inner = "else if ", "else if "+inner[len("otherwise if "):]
			}
			return strings.TrimSpace(w), strings.TrimSpace(inner[len(w):]), true
		}
	}
	return "", "", false
}

// parts reads until a directive that closes the enclosing one, which it
// returns (with its argument in p.arg) for the caller to handle.
func (p *textParser) parts(stop []string) (Text, string, error) {
	var out Text
	for {
		lit, word, arg, ok := p.directive()
		if lit != "" {
			out = append(out, Part{Lit: lit})
		}
		if !ok {
			return out, "", nil
		}
		for _, s := range stop {
			if word == s {
				p.lastArg = arg
				return out, word, nil
			}
		}
		switch word {
		case "if":
			part, err := p.ifPart(arg)
			if err != nil {
				return nil, "", err
			}
			out = append(out, part)
		case "one of":
			part, err := p.oneOf()
			if err != nil {
				return nil, "", err
			}
			out = append(out, part)
		default:
			return out, word, nil
		}
	}
}

func (p *textParser) ifPart(arg string) (Part, error) {
	at := p.at
	cond, err := ParseCondition(arg)
	if err != nil {
		return Part{}, p.errorf("%v", err)
	}
	part := Part{If: cond}
	then, end, err := p.parts([]string{"else", "else if", "end"})
	if err != nil {
		return Part{}, err
	}
	part.Then = then
	switch end {
	case "else":
		els, end2, err := p.parts([]string{"end"})
		if err != nil {
			return Part{}, err
		}
		if end2 != "end" {
			p.at = at
			return Part{}, p.errorf("[if %s] has no [end]", arg)
		}
		part.Else = els
	case "else if":
		// [else if X] is an [if X] inside the [else], closed by the same [end].
		nested, err := p.ifPart(p.lastArg)
		if err != nil {
			return Part{}, err
		}
		part.Else = Text{nested}
	case "end":
	default:
		p.at = at
		if end != "" {
			return Part{}, p.errorf("[%s] inside [if %s], which needs [end] first", end, arg)
		}
		return Part{}, p.errorf("[if %s] has no [end]", arg)
	}
	return part, nil
}

func (p *textParser) oneOf() (Part, error) {
	at := p.at
	part := Part{Key: p.keys}
	p.keys++
	for {
		alt, end, err := p.parts([]string{"or", Cycling, Stopping, AtRandom})
		if err != nil {
			return Part{}, err
		}
		part.OneOf = append(part.OneOf, alt)
		switch end {
		case "or":
			continue
		case Cycling, Stopping, AtRandom:
			part.Mode = end
			return part, nil
		}
		p.at = at
		if end != "" {
			return Part{}, p.errorf("[%s] inside [one of], which needs [cycling], [stopping] or [at random] first", end)
		}
		return Part{}, p.errorf("[one of] has no [cycling], [stopping] or [at random] to end it")
	}
}

// ParseCondition reads the condition of an [if …]:
//
//	lamp_lit              the flag is set
//	not lamp_lit          the flag is not set
//	lamp is lit           a thing's state (also "is not"); "it" is the
//	                      thing whose text this is
//	carrying key, in hall, visited hall
//	{counter: coins, at_least: 3}   any condition, written as in if:
func ParseCondition(s string) (*Condition, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			return nil, fmt.Errorf("cannot read the condition %s: %s", s, trimYAML(err.Error()))
		}
		rep := newReport("")
		d := newDecoder("", rep, &n)
		var c Condition
		root := d.resolve(&n)
		if root == nil {
			return nil, fmt.Errorf("the condition %s is empty", s)
		}
		d.decode(root, root, reflectValue(&c), "", 0)
		if len(rep.problems) > 0 {
			p := rep.problems[0]
			return nil, fmt.Errorf("in the condition %s: %s", s, strings.TrimPrefix(p.Field+": "+p.Msg, ": "))
		}
		return &c, nil
	}
	f := strings.Fields(s)
	switch {
	case len(f) == 1:
		return &Condition{Flag: f[0]}, nil
	case len(f) == 2 && f[0] == "not":
		return &Condition{NotFlag: f[1]}, nil
	case len(f) == 3 && f[1] == "is":
		return &Condition{Thing: f[0], Is: f[2]}, nil
	case len(f) == 4 && f[1] == "is" && f[2] == "not":
		return &Condition{Thing: f[0], Is: "not " + f[3]}, nil
	case len(f) == 2 && f[0] == "carrying":
		return &Condition{Carrying: f[1]}, nil
	case len(f) == 2 && f[0] == "in":
		return &Condition{In: f[1]}, nil
	case len(f) == 2 && f[0] == "visited":
		return &Condition{Visited: f[1]}, nil
	}
	return nil, fmt.Errorf("cannot read the condition %q; write a flag, not FLAG, THING is STATE, carrying ITEM, in PLACE, visited PLACE, or any condition in braces such as {counter: coins, at_least: 3}", s)
}
