package parse

import (
	"strings"

	"github.com/tale-if/tale/driver/soul"
	"github.com/tale-if/tale/tio/markup"
)

// parseCommand reads one command: toks are its tokens in src, and end is
// where it stops in src.
func (p *Parser) parseCommand(src string, toks []token, end int, scope *Scope, ov map[string][]string) attempt {
	seg := strings.TrimSpace(src[toks[0].start:end])
	r := &resolver{p: p, scope: scope, ov: ov, seg: seg}
	a := r.command(src, toks, end)
	if a.bad != nil {
		// Keep the whole rest of the line, so the corrected line runs
		// every command the player typed.
		base := toks[0].start
		a.bad = &oopsState{line: src[base:], start: a.bad.start - base, end: a.bad.end - base}
	}
	a.seg = seg
	a.ov = ov
	if c := a.res.Command; c != nil {
		c.Line = seg
		if len(r.notices) > 0 {
			a.res.Notices = r.notices
		}
		if c.Verb == Pronouns {
			c.Text = p.pronounsText()
		}
	}
	return a
}

func (r *resolver) command(src string, toks []token, end int) attempt {
	first := toks[0]
	if first.kind == tQuote {
		if strings.TrimSpace(first.raw) == "" {
			q := "What do you want to say?"
			return attempt{res: Result{Question: q}, ask: &pending{kind: askMissing, q: q, prefix: "say"}}
		}
		c := &Command{Verb: Say, Text: first.raw}
		// "hello" to keeper
		if len(toks) > 2 && toks[1].kind == tWord && toks[1].w == "to" {
			ns, f := r.one(toks[2:], &elem{person: true, second: true})
			if f != nil {
				return r.failed(f)
			}
			c.Prep, c.Second = "to", &ns[0]
		}
		return done(c)
	}
	if first.kind != tWord {
		return fail(msgNotUnder)
	}
	if len(toks) > maxSegTokens && !speechVerbs[first.w] {
		return fail(msgTooLong)
	}
	if a, done := r.address(src, toks, end); done {
		return a
	}
	if len(toks) == 1 {
		if d, ok := direction(first.w); ok {
			c := goTo(d, r.scope)
			return done(&c)
		}
	}
	if sv, n := storyVerb(r.scope, toks); sv != "" && (n > 1 || theGrammar().byFirst[first.w] == nil) {
		return r.story(sv, src, toks[n:], end)
	}
	if ls := theGrammar().byFirst[first.w]; ls != nil {
		a := r.builtin(ls, src, toks, end)
		if a.res.Command == nil && a.res.Question == "" {
			if s, ok := r.social(src, toks, end); ok {
				return s
			}
		}
		return a
	}
	if s, ok := r.social(src, toks, end); ok {
		return s
	}
	if e, ok := exitNamed(r.scope, toks); ok {
		c := goTo(e, r.scope)
		return done(&c)
	}
	if d, ok := direction(first.w); ok {
		// "n n": Inform's answer, which says what was understood.
		return fail("I only understood you as far as wanting to go " + d + ".")
	}
	if vainVerbs[first.w] {
		return r.vain(toks)
	}
	if theGrammar().words[first.w] || knownInScope(r.scope, first.w) || soul.IsAdverb(first.w) {
		return fail(msgNotVerb)
	}
	// Inform's answer for any first word that is not a verb, known word or
	// not; a misspelt verb can still be put right with "oops".
	a := unknown(&toks[0])
	a.res.Error = msgNotVerb
	return a
}

// vainVerbs are verbs players try that mean nothing built in but which
// stories give a meaning ("strike match"): where no story verb takes
// them, they are refused as verbs, not as unknown words.
var vainVerbs = map[string]bool{"strike": true}

// vain refuses a vain verb: "You can't strike that." once the object is
// known to be here, and a question when there is none.
func (r *resolver) vain(toks []token) attempt {
	w := markup.Escape(toks[0].w)
	if len(toks) == 1 {
		q := "What do you want to " + w + "?"
		return attempt{res: Result{Question: q}, ask: &pending{kind: askMissing, q: q, prefix: r.seg}}
	}
	if _, f := r.one(toks[1:], &elem{}); f != nil {
		return r.failed(f)
	}
	r.notices = nil
	return fail("You can't " + w + " that.")
}

func done(c *Command) attempt { return attempt{res: Result{Command: c}} }

// unknown says a word is not known and keeps it for "oops".
func unknown(t *token) attempt {
	return attempt{
		res: Result{Error: "I don't know the word “<userinput>" + shown(t.raw) + "</userinput>”."},
		bad: &oopsState{start: t.start, end: t.end},
	}
}

// shown makes a typed word safe and short enough to quote back.
func shown(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return markup.Escape(s)
}

// address reads "keeper, hello" as saying hello to the keeper.
func (r *resolver) address(src string, toks []token, end int) (attempt, bool) {
	if theGrammar().byFirst[toks[0].w] != nil {
		return attempt{}, false
	}
	k := -1
	for i, t := range toks {
		if t.kind == tComma {
			k = i
			break
		}
	}
	if k <= 0 || k == len(toks)-1 {
		return attempt{}, false
	}
	ns, f := r.one(toks[:k], &elem{person: true})
	if f != nil || len(ns) != 1 || ns[0].Kind != Person {
		r.notices = nil
		return attempt{}, false
	}
	said := textOf(src, toks[k+1:], end)
	return done(&Command{Verb: Say, Text: said, Prep: "to", Second: &ns[0]}), true
}

// textOf is what the player typed across toks, up to end when toks run to
// the end of the command (so "say hello!" keeps its "!").
func textOf(src string, toks []token, end int) string {
	if len(toks) == 1 && toks[0].kind == tQuote {
		return toks[0].raw
	}
	return strings.TrimSpace(src[toks[0].start:end])
}
