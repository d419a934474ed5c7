package parse

import (
	"strings"

	"github.com/tale-if/tale/driver/soul"
	"github.com/tale-if/tale/tio/markup"
)

// socialSkip are the little words around a social's target: "smile at
// the keeper", "bow to her".
var socialSkip = map[string]bool{
	"at": true, "to": true, "with": true, "towards": true, "toward": true,
	"before": true, "for": true, "on": true, "and": true, "upon": true,
}

// social reads a soul verb: "smile", "smile happily at keeper", "happily
// smile at keeper", "hug wren and keeper". ok is false when the line is
// not a social at all.
func (r *resolver) social(src string, toks []token, end int) (attempt, bool) {
	i := 0
	adverb := ""
	if len(toks) > 1 && soul.IsAdverb(toks[0].w) {
		adverb, i = toks[0].w, 1
	}
	v, found := soul.Lookup(toks[i].w)
	if !found || toks[i].kind != tWord {
		return attempt{}, false
	}
	c := &Command{Verb: v.Name, Social: true, Adverb: adverb}
	rest := toks[i+1:]
	for j := 0; j < len(rest); {
		t := rest[j]
		if t.kind != tWord || socialSkip[t.w] {
			j++
			continue
		}
		if soul.IsAdverb(t.w) {
			if c.Adverb != "" && c.Adverb != t.w {
				return fail("You can only " + v.Name + " one way at a time."), true
			}
			c.Adverb = t.w
			j++
			continue
		}
		k := j
		for k < len(rest) && rest[k].kind == tWord && !socialSkip[rest[k].w] && !soul.IsAdverb(rest[k].w) {
			k++
		}
		ns, f := r.one(rest[j:k], &elem{person: true, multi: true})
		if f != nil {
			if k == j+1 && f.ask == nil {
				if adv, ok := r.adverbPrefix(rest[j].w); ok {
					if c.Adverb != "" && c.Adverb != adv {
						return fail("You can only " + v.Name + " one way at a time."), true
					}
					c.Adverb = adv
					j = k
					continue
				}
				if many := soul.AdverbsWithPrefix(rest[j].w); len(many) > 1 && len(many) <= 6 {
					return fail("What adverb did you mean: " + list(many, "or") + "?"), true
				}
			}
			if v.Name == "shout" && f.ask == nil {
				// "shout hello": words, not a target, so it is speech.
				return done(&Command{Verb: Say, Text: textOf(src, rest, end), Adverb: "loudly"}), true
			}
			return r.failed(f), true
		}
		c.Objects = appendNew(c.Objects, ns...)
		j = k
	}
	switch {
	case len(c.Objects) > 0 && v.Target == soul.NoTarget:
		return fail("You can't " + markup.Escape(toks[i].w) + " at anyone; just " + v.Name + "."), true
	case len(c.Objects) == 0 && v.Target == soul.NeedsTarget:
		q := "Who do you want to " + markup.Escape(toks[i].w) + "?"
		return attempt{res: Result{Question: q}, ask: &pending{kind: askMissing, q: q, prefix: r.seg}}, true
	}
	return done(c), true
}

// adverbPrefix completes an abbreviated adverb ("hap" → "happily"), but
// never a word that names something here.
func (r *resolver) adverbPrefix(w string) (string, bool) {
	if len(w) < 2 || knownInScope(r.scope, w) || strings.ContainsAny(w, " ") {
		return "", false
	}
	return soul.Adverb(w)
}
