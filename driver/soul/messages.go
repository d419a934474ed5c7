package soul

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Who is someone taking part in a social: the actor or the target.
type Who struct {
	Name     string // as it should appear mid-sentence: "Wren", "the keeper"
	Gender   string // "m" or "f"; anything else ("n", the stories' default) reads as "they"
	IsPlayer bool   // a player character; actor and target are one person only when every field matches
}

// view is whose eyes a message is written for.
type view uint8

const (
	actorView view = iota
	targetView
	otherView
)

// Messages writes what the actor, the target and onlookers read when the
// actor uses verb. With no target (zero Who) the alone form is used, and
// toTarget is empty. A verb that needs a target and has none gives only
// toActor, as a question back to the player ("Who do you want to hug?").
// An adverb prefix is completed when it is unique; "" means the verb's
// default adverb. An unknown verb gives three empty strings.
func Messages(verb, adverb string, actor, target Who) (toActor, toTarget, toOthers string) {
	v, ok := byName()[verb]
	if !ok {
		return "", "", ""
	}
	if adverb == "" {
		adverb = v.Adverb
	} else if full, ok := Adverb(adverb); ok {
		adverb = full
	}
	hasTarget := target.Name != "" && v.Target != NoTarget
	if !hasTarget {
		if v.Target == NeedsTarget {
			return "Who do you want to " + v.Name + "?", "", ""
		}
		return render(v.Alone, actorView, adverb, actor, target, false),
			"",
			render(v.Alone, otherView, adverb, actor, target, false)
	}
	self := target == actor
	toActor = render(v.With, actorView, adverb, actor, target, self)
	toOthers = render(v.With, otherView, adverb, actor, target, self)
	if !self {
		toTarget = render(v.With, targetView, adverb, actor, target, self)
	}
	return toActor, toTarget, toOthers
}

func render(tmpl string, vw view, adverb string, actor, target Who, self bool) string {
	var b strings.Builder
	b.Grow(len(tmpl) + len(actor.Name) + len(target.Name) + len(adverb) + 8)
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		switch c {
		case '$':
			if vw != actorView {
				conjugateLast(&b)
			}
			i++
			continue
		case '{':
			end := strings.IndexByte(tmpl[i:], '}')
			if end > 0 {
				b.WriteString(fill(tmpl[i+1:i+end], vw, adverb, actor, target, self))
				i += end + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return capitalise(b.String())
}

func fill(key string, vw view, adverb string, actor, target Who, self bool) string {
	switch key {
	case "A":
		if vw == actorView {
			return "You"
		}
		return actor.Name
	case "Apos":
		if vw == actorView {
			return "your"
		}
		return possessive(actor.Gender)
	case "Aself":
		if vw == actorView {
			return "yourself"
		}
		return reflexive(actor.Gender)
	case "T":
		switch {
		case self && vw == actorView:
			return "yourself"
		case self:
			return reflexive(actor.Gender)
		case vw == targetView:
			return "you"
		}
		return target.Name
	case "Tpos":
		switch {
		case self:
			return fill("Apos", vw, adverb, actor, target, self)
		case vw == targetView:
			return "your"
		}
		return possessive(target.Gender)
	case "T's":
		switch {
		case self && vw == actorView:
			return "your own"
		case self:
			return possessive(actor.Gender) + " own"
		case vw == targetView:
			return "your"
		case strings.HasSuffix(stripTags(target.Name), "s"):
			return target.Name + "'"
		}
		return target.Name + "'s"
	case "how":
		if adverb == "" {
			return ""
		}
		return " " + adverb
	}
	return ""
}

// conjugateLast turns the verb just written into its third-person form.
func conjugateLast(b *strings.Builder) {
	s := b.String()
	start := strings.LastIndexByte(s, ' ') + 1
	word := s[start:]
	b.Reset()
	b.WriteString(s[:start])
	b.WriteString(ThirdPerson(word))
}

// ThirdPerson gives the "he/she" form of an English verb: smile → smiles,
// kiss → kisses, cry → cries.
func ThirdPerson(verb string) string {
	n := len(verb)
	switch {
	case n == 0:
		return verb
	case strings.HasSuffix(verb, "s"), strings.HasSuffix(verb, "sh"),
		strings.HasSuffix(verb, "ch"), strings.HasSuffix(verb, "x"),
		strings.HasSuffix(verb, "z"), strings.HasSuffix(verb, "o"):
		return verb + "es"
	case n > 1 && verb[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(verb[n-2])):
		return verb[:n-1] + "ies"
	}
	return verb + "s"
}

// Socials happen between people, so a neuter gender is a person of no
// stated gender: "they", never "it".
func possessive(gender string) string {
	switch gender {
	case "m":
		return "his"
	case "f":
		return "her"
	}
	return "their"
}

func reflexive(gender string) string {
	switch gender {
	case "m":
		return "himself"
	case "f":
		return "herself"
	}
	return "themselves"
}

// capitalise starts a sentence with a capital, looking past markup tags
// at the start ("<living>the keeper</living> smiles").
func capitalise(s string) string {
	i := 0
	for i < len(s) && s[i] == '<' {
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		i += end + 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if size == 0 || unicode.IsUpper(r) {
		return s
	}
	return s[:i] + string(unicode.ToUpper(r)) + s[i+size:]
}

// stripTags drops markup tags from a name, to look at its letters.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
