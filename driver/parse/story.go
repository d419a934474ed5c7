package parse

import "strings"

// Story verbs come from Scope.Verbs. A story verb of several words ("push
// on") wins over the built-in grammar when the line starts with all its
// words; a one-word story verb applies only to a word the built-in
// grammar does not use, so "take" always means take. Soul verbs come
// last.

// storyVerb finds the longest story verb the line starts with, and how
// many words it took.
func storyVerb(scope *Scope, toks []token) (string, int) {
	best, bestN := "", 0
	for _, v := range scope.Verbs {
		n, ok := startsWith(v, toks)
		if ok && n > bestN {
			best, bestN = v, n
		}
	}
	return best, bestN
}

// startsWith matches the words of v against the first tokens.
func startsWith(v string, toks []token) (int, bool) {
	n := 0
	for len(v) > 0 {
		for len(v) > 0 && v[0] == ' ' {
			v = v[1:]
		}
		if v == "" {
			break
		}
		end := 0
		for end < len(v) && v[end] != ' ' {
			end++
		}
		if n >= len(toks) || toks[n].kind != tWord || !strings.EqualFold(toks[n].w, v[:end]) {
			return 0, false
		}
		n++
		v = v[end:]
	}
	return n, n > 0
}

var storyPreps = map[string]bool{"with": true, "to": true, "on": true, "onto": true, "in": true, "into": true, "at": true, "from": true}

// story reads VERB, VERB NOUN and VERB NOUN PREP NOUN for a story verb.
func (r *resolver) story(verb, src string, rest []token, end int) attempt {
	c := &Command{Verb: verb}
	if len(rest) == 0 {
		return done(c)
	}
	obj := rest
	for k := 1; k < len(rest)-1; k++ {
		if rest[k].kind == tWord && storyPreps[rest[k].w] {
			// A line of its own, so "with" prefers the tool in hand.
			r.line = &line{def: def{verb: verb, prep: rest[k].w}}
			second, f := r.one(rest[k+1:], &elem{second: true})
			if f != nil {
				if f.ask != nil {
					return r.failed(f)
				}
				continue
			}
			c.Prep, c.Second = rest[k].w, &second[0]
			obj = rest[:k]
			break
		}
	}
	ns, f := r.one(obj, &elem{})
	if f != nil {
		return r.failed(f)
	}
	c.Objects = ns
	return done(c)
}
