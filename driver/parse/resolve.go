package parse

import (
	"strings"
)

// failure is why a command could not be resolved. rank orders failures so
// that, when several grammar lines fail, the player hears the most useful.
type failure struct {
	msg  string
	rank int
	ask  *pending // set when msg is a question the next line may answer
	bad  *token   // a word nobody here answers to, for "oops"
}

const (
	rankSyntax = iota + 1
	rankScope
	rankClosed // the words name a closed container: a better reason than "can't see"
	rankQuestion
)

// maxNameWords bounds a name; longer phrases name nothing, and refusing
// them early keeps garbage lines cheap.
const maxNameWords = 12

const (
	msgCantSee  = "You can't see any such thing here."
	msgMultiple = "You can't use multiple objects with that verb."
	msgNotUnder = "I didn't understand that sentence."
)

// resolver turns noun phrases into Nouns for one command.
type resolver struct {
	p       *Parser
	scope   *Scope
	ov      map[string][]string // disambiguation answers already given, by phrase
	notices []string
	seg     string // the command as typed, for a follow-up question
	line    *line
	room    []Noun // the command being filled's room for one thing, until used (single)
}

// single is the one noun a phrase names, in the room of the command
// being filled when it is still free, or in a slice of its own.
func (r *resolver) single(n *Noun) []Noun {
	if room := r.room; room != nil {
		r.room = nil
		return append(room, *n)
	}
	return []Noun{*n}
}

func (r *resolver) cantSee(toks []token) *failure {
	content, grammar := false, false
	for i := range toks {
		t := &toks[i]
		if t.kind != tWord {
			content = true
			continue
		}
		known := knownInScope(r.scope, t.w)
		switch {
		case theGrammar().words[t.w] && !known:
			grammar = true
		case !known:
			return &failure{msg: msgCantSee, rank: rankScope, bad: t}
		default:
			content = true
		}
	}
	if grammar || !content {
		// Every word is known but they don't fit together here ("look
		// at", "take coin from"): the grammar was misread, and a question
		// about the missing part will help more than "can't see".
		return &failure{msg: msgNotUnder, rank: rankSyntax}
	}
	return &failure{msg: msgCantSee, rank: rankScope}
}

// slot resolves the words of one noun slot.
func (r *resolver) slot(toks []token, e *elem, second *Noun) ([]Noun, bool, *failure) {
	toks = stripArticles(toks)
	if len(toks) == 0 {
		return nil, false, &failure{msg: msgNotUnder, rank: rankSyntax}
	}
	if w := toks[0].w; toks[0].kind == tWord && (w == "all" || w == "everything" || w == "each" || w == "every" || w == "both") {
		if !e.multi {
			return nil, false, &failure{msg: msgMultiple, rank: rankScope}
		}
		ns, f := r.all(toks[1:], second)
		return ns, true, f
	}
	parts := splitList(toks)
	if len(parts) == 0 {
		return nil, false, &failure{msg: msgNotUnder, rank: rankSyntax}
	}
	if len(parts) == 1 {
		toks = parts[0]
	} else {
		if !e.multi {
			// "salt and pepper" may be one thing's name.
			if ns, f := r.one(toks, e); f == nil {
				return ns, false, nil
			}
			return nil, false, &failure{msg: msgMultiple, rank: rankScope}
		}
		var out []Noun
		for _, part := range parts {
			ns, f := r.one(part, e)
			if f != nil {
				if whole, f2 := r.one(toks, e); f2 == nil {
					return whole, false, nil
				}
				return nil, false, f
			}
			out = appendNew(out, ns...)
		}
		return out, false, nil
	}
	ns, f := r.one(toks, e)
	if f == nil && len(ns) > 1 && !e.multi {
		return nil, false, &failure{msg: msgMultiple, rank: rankScope}
	}
	return ns, false, f
}

// splitList cuts "lamp, key and box" into its items.
func splitList(toks []token) [][]token {
	var parts [][]token
	start := 0
	for i, t := range toks {
		if t.kind == tComma || (t.kind == tWord && t.w == "and") {
			if i > start {
				parts = append(parts, toks[start:i])
			}
			start = i + 1
		}
	}
	if start == 0 {
		return [][]token{toks}
	}
	if start < len(toks) {
		parts = append(parts, toks[start:])
	}
	return parts
}

func appendNew(out []Noun, ns ...Noun) []Noun {
next:
	for _, n := range ns {
		for _, o := range out {
			if o.ID == n.ID {
				continue next
			}
		}
		out = append(out, n)
	}
	return out
}

// one resolves a single name (which may still mean several things, for
// "them").
func (r *resolver) one(toks []token, e *elem) ([]Noun, *failure) {
	toks = stripArticles(toks)
	held := false
	if len(toks) > 1 && toks[0].w == "my" {
		held = true
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return nil, &failure{msg: msgNotUnder, rank: rankSyntax}
	}
	if len(toks) == 1 && toks[0].kind == tWord {
		switch w := toks[0].w; w {
		case "it", "them", "him", "her":
			return r.pronoun(w)
		case "me", "myself", "self":
			for i := range r.scope.Nouns {
				if r.scope.Nouns[i].Kind == Self {
					return []Noun{r.scope.Nouns[i]}, nil
				}
			}
			return nil, &failure{msg: msgCantSee, rank: rankScope}
		}
	}
	if len(toks) > maxNameWords {
		return nil, &failure{msg: msgCantSee, rank: rankScope}
	}
	if r.ov != nil {
		if ids, ok := r.ov[phraseKey(toks)]; ok {
			var out []Noun
			for _, id := range ids {
				if n, ok := findID(r.scope, id); ok {
					out = append(out, n)
				}
			}
			if len(out) > 0 {
				return out, nil
			}
		}
	}
	// Rate every noun; keep the indexes of the best few without copying
	// nouns, since most phrases name exactly one thing.
	best := qNone
	var idx [8]int
	hits := 0
	for i := range r.scope.Nouns {
		q := fit(&r.scope.Nouns[i], toks)
		if q == qNone || q < best {
			continue
		}
		if q > best {
			best, hits = q, 0
		}
		if hits < len(idx) {
			idx[hits] = i
		}
		hits++
	}
	if hits == 0 {
		return nil, r.cantSee(toks)
	}
	if hits == 1 {
		return r.single(&r.scope.Nouns[idx[0]]), nil
	}
	found := make([]Noun, 0, hits)
	for i := range r.scope.Nouns {
		if fit(&r.scope.Nouns[i], toks) == best {
			found = append(found, r.scope.Nouns[i])
		}
	}
	found = real(found)
	if len(found) == 1 {
		return found, nil
	}
	found = r.prefer(found, e, held)
	if len(found) == 1 {
		// A guess: say which one, so the player can tell if it was wrong.
		r.notices = append(r.notices, "("+the(&found[0])+")")
		return found, nil
	}
	if sameNames(found) {
		return found[:1], nil
	}
	return nil, r.which(phraseKey(toks), found)
}

// prefer narrows an ambiguous match the way a player would expect: people
// for talking, things carried for drop, things lying here for take.
func (r *resolver) prefer(found []Noun, e *elem, held bool) []Noun {
	keep := func(ok func(n *Noun) bool) {
		var kept []Noun
		for i := range found {
			if ok(&found[i]) {
				kept = append(kept, found[i])
			}
		}
		if len(kept) > 0 {
			found = kept
		}
	}
	if e.person {
		keep(func(n *Noun) bool { return n.Kind == Person })
	}
	p := prefNone
	switch {
	case r.line == nil:
	case !e.second:
		p = r.line.pref
	case r.line.prep == "with":
		p = prefHeld // the tool you use is the one in your hand
	}
	if held || p == prefHeld {
		keep(func(n *Noun) bool { return n.Held })
	}
	if e.second && r.line != nil && (r.line.verb == Lock || r.line.verb == Unlock) {
		keep(func(n *Noun) bool { return n.Fits })
	}
	if p == prefHere {
		// Take what you don't have yet: the driver marks things carried
		// Held (and not Here), and things in an open box here neither.
		keep(func(n *Noun) bool { return !n.Held })
		keep(func(n *Noun) bool { return n.Here })
	}
	return found
}

// real prefers things and people over scenery and exits of the same
// name, silently: "open gate" means the gate, not the way through it.
func real(found []Noun) []Noun {
	n := 0
	for i := range found {
		if found[i].Kind == Thing || found[i].Kind == Person {
			n++
		}
	}
	if n == 0 || n == len(found) {
		return found
	}
	kept := make([]Noun, 0, n)
	for i := range found {
		if found[i].Kind == Thing || found[i].Kind == Person {
			kept = append(kept, found[i])
		}
	}
	return kept
}

func sameNames(ns []Noun) bool {
	for i := 1; i < len(ns); i++ {
		if !strings.EqualFold(ns[i].Name, ns[0].Name) {
			return false
		}
	}
	return true
}

func phraseKey(toks []token) string {
	if len(toks) == 1 {
		return toks[0].w
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.w)
	}
	return b.String()
}

// which asks the player to choose, and remembers enough to take the
// answer on the next line.
func (r *resolver) which(key string, found []Noun) *failure {
	q := "Which do you mean, " + theAll(found, "or") + "?"
	return &failure{msg: q, rank: rankQuestion, ask: &pending{
		kind:  askWhich,
		seg:   r.seg,
		key:   key,
		cands: found,
		ov:    r.ov,
		q:     q,
	}}
}
