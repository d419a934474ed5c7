package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tale-if/tale/tio/markup"
)

// all resolves "all", "all but X and Y" and "all the keys" (toks is what
// follows "all"). Which things "all" covers depends on the verb: the
// things lying here for take, the things carried for drop, put and give.
func (r *resolver) all(toks []token, second *Noun) ([]Noun, *failure) {
	var out []Noun
	for i := range r.scope.Nouns {
		n := &r.scope.Nouns[i]
		if r.inAll(n, second) {
			out = append(out, *n)
		}
	}
	if len(out) == 0 {
		return nil, r.noneForAll(second)
	}
	toks = stripArticles(toks)
	if len(toks) > 0 && toks[0].kind == tWord && (toks[0].w == "but" || toks[0].w == "except") {
		for _, part := range splitList(toks[1:]) {
			ns, f := r.one(part, &elem{multi: true})
			if f != nil {
				return nil, f
			}
			out = without(out, ns)
		}
		if len(out) == 0 {
			return nil, &failure{msg: "There is nothing else.", rank: rankScope}
		}
		return out, nil
	}
	if len(toks) > 0 {
		// "all keys", "all the coins": every one of those, no question asked.
		kept := out[:0:0]
		for pass := 0; pass < 2 && len(kept) == 0; pass++ {
			phrase := toks
			if pass == 1 {
				last := phrase[len(phrase)-1]
				if !strings.HasSuffix(last.w, "s") {
					break
				}
				last.w = strings.TrimSuffix(last.w, "s")
				phrase = append(append([]token(nil), phrase[:len(phrase)-1]...), last)
			}
			for i := range out {
				if fit(&out[i], phrase) > qNone {
					kept = append(kept, out[i])
				}
			}
		}
		if len(kept) == 0 {
			return nil, r.cantSee(toks)
		}
		return kept, nil
	}
	return out, nil
}

func without(out, drop []Noun) []Noun {
	kept := out[:0]
next:
	for _, n := range out {
		for _, d := range drop {
			if d.ID == n.ID {
				continue next
			}
		}
		kept = append(kept, n)
	}
	return kept
}

// inAll says whether n is one of the things "all" means for this verb.
// Only loose things count: people, scenery, exits and the player never
// do, nor (for take and drop) things inside something else.
func (r *resolver) inAll(n *Noun, second *Noun) bool {
	if n.Kind != Thing {
		return false
	}
	if second != nil && n.ID == second.ID {
		return false
	}
	switch {
	case r.line.verb == Take && second != nil:
		return n.Within == second.ID && !n.Held
	case r.line.verb == Take:
		return n.Here && !n.Held && n.Within == ""
	case r.line.pref == prefHeld:
		return n.Held && n.Within == ""
	}
	return (n.Here || n.Held) && n.Within == ""
}

func (r *resolver) noneForAll(second *Noun) *failure {
	msg := "There is nothing to " + r.verbWord() + "."
	switch {
	case r.line.verb == Take && second != nil && second.Closed:
		return closed(second)
	case r.line.verb == Take && second != nil:
		msg = "There is nothing in " + the(second) + " to take."
	case r.line.verb == Take:
		msg = "There is nothing here to take."
	case r.line.pref == prefHeld:
		msg = "You aren't carrying anything."
	}
	return &failure{msg: msg, rank: rankScope}
}

// closed is the failure for taking from a closed container.
func closed(n *Noun) *failure {
	name := the(n)
	r, size := utf8.DecodeRuneInString(name)
	verb := " is closed."
	if n.Plural {
		verb = " are closed."
	}
	return &failure{msg: string(unicode.ToUpper(r)) + name[size:] + verb, rank: rankClosed}
}

func (r *resolver) verbWord() string {
	w := r.line.elems[0].alts[0]
	return markup.Escape(w)
}
