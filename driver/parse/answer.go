package parse

import (
	"strings"

	"github.com/tale-if/tale/driver/soul"
)

// answer tries line as the answer to the question asked; ok is false when
// it is not an answer but a command of its own.
func (p *Parser) answer(ask *pending, line string, scope *Scope) (attempt, bool) {
	if strings.TrimSpace(line) == "" {
		return attempt{}, false
	}
	switch ask.kind {
	case askWhich:
		return p.answerWhich(ask, line, scope)
	case askMissing:
		return p.answerMissing(ask, line, scope)
	}
	return attempt{}, false
}

func (p *Parser) answerWhich(ask *pending, line string, scope *Scope) (attempt, bool) {
	var words []token
	for _, t := range lex(line) {
		if t.kind == tComma || (t.kind == tWord && (isArticle(t.w) || t.w == "one" || t.w == "ones")) {
			continue
		}
		if t.kind != tWord {
			return attempt{}, false
		}
		words = append(words, t)
	}
	if len(words) == 0 {
		return attempt{}, false
	}
	var chosen []Noun
	if len(words) == 1 {
		switch w := words[0].w; w {
		case "all", "both", "each", "every", "everything":
			chosen = ask.cands
		case "either", "any", "whichever":
			chosen = ask.cands[:1]
		default:
			if i, ok := ordinal(w, len(ask.cands)); ok {
				chosen = ask.cands[i : i+1]
			}
		}
	}
	if chosen == nil {
		for i := range ask.cands {
			if fit(&ask.cands[i], words) > qNone {
				chosen = append(chosen, ask.cands[i])
			}
		}
	}
	switch {
	case len(chosen) == 0:
		return attempt{}, false
	case len(chosen) > 1 && len(chosen) < len(ask.cands):
		narrowed := *ask
		narrowed.cands = chosen
		narrowed.q = "Which do you mean, " + theAll(chosen, "or") + "?"
		return attempt{res: Result{Question: narrowed.q}, ask: &narrowed}, true
	case len(chosen) > 1 && len(words) == 1 && words[0].w != "all" && words[0].w != "both" &&
		words[0].w != "each" && words[0].w != "every" && words[0].w != "everything":
		return attempt{res: Result{Question: ask.q}, ask: ask}, true
	}
	ov := make(map[string][]string, len(ask.ov)+1)
	for k, v := range ask.ov {
		ov[k] = v
	}
	ids := make([]string, len(chosen))
	for i := range chosen {
		ids[i] = chosen[i].ID
	}
	ov[ask.key] = ids
	a := p.parseCommand(ask.seg, lex(ask.seg), len(ask.seg), scope, ov)
	if a.res.Command != nil {
		a.res.Rest = ask.rest
	}
	if a.ask != nil {
		a.ask.rest = ask.rest
	}
	a.bad = nil
	return a, true
}

func ordinal(w string, n int) (int, bool) {
	i := -1
	switch w {
	case "1", "1st", "first":
		i = 0
	case "2", "2nd", "second":
		i = 1
	case "3", "3rd", "third":
		i = 2
	case "4", "4th", "fourth":
		i = 3
	case "5", "5th", "fifth":
		i = 4
	case "last":
		i = n - 1
	}
	return i, i >= 0 && i < n
}

func (p *Parser) answerMissing(ask *pending, line string, scope *Scope) (attempt, bool) {
	answer := strings.TrimSpace(line)
	if ask.lit != "" && hasFieldAt0(strings.ToLower(answer), ask.lit) {
		// "put key" → "…in?" → "in the box"
		answer = answer[len(ask.lit):]
	}
	a := p.parseLine(clean(ask.prefix+" "+answer), scope, ask.ov, false)
	if a.res.Command != nil && a.res.Rest == "" {
		a.res.Rest = ask.rest
	}
	if a.res.Command != nil || a.res.Question != "" {
		return a, true
	}
	b := p.parseLine(line, scope, nil, true)
	if b.res.Command != nil || b.res.Question != "" || startsWithVerb(line, scope) {
		return b, true
	}
	return a, true
}

func startsWithVerb(line string, scope *Scope) bool {
	toks := lex(line)
	if len(toks) == 0 || toks[0].kind != tWord {
		return len(toks) > 0
	}
	w := toks[0].w
	if _, ok := direction(w); ok {
		return true
	}
	if theGrammar().byFirst[w] != nil || w == "again" || w == "g" || w == "oops" || w == "o" {
		return true
	}
	if _, ok := soul.Lookup(w); ok {
		return true
	}
	for _, v := range scope.Verbs {
		if hasFieldAt0(v, w) {
			return true
		}
	}
	return false
}

func hasFieldAt0(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || s[len(w)] == ' ')
}
