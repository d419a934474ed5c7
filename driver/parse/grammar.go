package parse

import (
	"slices"
	"strings"
	"sync"
)

type elemKind uint8

const (
	eLit elemKind = iota
	eNoun
	eDir
	ePlace
	eText
	eTopic
)

type elem struct {
	kind   elemKind
	alts   []string // eLit: the words that fit
	second bool     // fills Command.Second rather than Objects
	multi  bool     // allows all / lists
	person bool     // prefers people
}

// line is a compiled grammar line.
type line struct {
	def
	elems []elem
}

// maxElems bounds a pattern, so a binding fits in a fixed array.
const maxElems = 8

type span struct{ from, to int }

// binding is one way a line's slots cover the tokens.
type binding struct {
	l     *line
	spans [maxElems]span
}

// partial is a line that fits except for one slot at the end the player
// left out ("put key" → put key in what?). missing is that slot's index.
type partial struct {
	binding
	from    int // the first element the player left out
	missing int // the slot that needs an answer
}

// grammar is the built-in grammar, compiled from defs on first use: a
// process that never parses a line (a server starting, tale check) does
// not pay the thousand allocations it takes.
type grammar struct {
	byFirst map[string][]*line // the lines by each word they may start with
	words   map[string]bool    // every literal word, for "is this word known?"
}

var theGrammar = sync.OnceValue(buildGrammar)

func buildGrammar() *grammar {
	// Sized for the table as it is, so the maps do not grow while built:
	// the first command of a program waits for this.
	g := &grammar{byFirst: make(map[string][]*line, grammarFirstWords), words: make(map[string]bool, grammarWords)}
	for _, d := range defs {
		l := compile(d)
		first := l.elems[0].alts
		for i, w := range first {
			if !slices.Contains(first[:i], w) {
				g.byFirst[w] = append(g.byFirst[w], l)
			}
		}
		for _, e := range l.elems {
			for _, w := range e.alts {
				g.words[w] = true
			}
		}
	}
	for _, w := range strings.Fields("a an the some all everything each every both but except and it them him her me myself self one ones my of") {
		g.words[w] = true
	}
	for w := range directions {
		g.words[w] = true
	}
	return g
}

// grammarFirstWords and grammarWords are a little over how many words
// start a grammar line and are in one (156 and 234 now): a hint, so that
// the maps are made once at their size rather than grown while built.
const (
	grammarFirstWords = 160
	grammarWords      = 240
)

func compile(d def) *line {
	l := &line{def: d}
	l.elems = make([]elem, 0, strings.Count(d.pat, " ")+1)
	for f := range strings.FieldsSeq(d.pat) {
		var e elem
		switch f {
		case "MULTI":
			e = elem{kind: eNoun, multi: true}
		case "OBJ":
			e = elem{kind: eNoun}
		case "PERSON":
			e = elem{kind: eNoun, person: true}
		case "SECOND":
			e = elem{kind: eNoun, second: true}
		case "PERSON2":
			e = elem{kind: eNoun, second: true, person: true}
		case "DIR":
			e = elem{kind: eDir}
		case "PLACE":
			e = elem{kind: ePlace}
		case "TEXT":
			e = elem{kind: eText}
		case "TOPIC":
			e = elem{kind: eTopic}
		default:
			e = elem{kind: eLit, alts: strings.Split(f, "/")}
		}
		l.elems = append(l.elems, e)
	}
	if len(l.elems) > maxElems || l.elems[0].kind != eLit {
		panic("parse: bad grammar line " + d.pat)
	}
	return l
}

func (e *elem) fits(t token) bool {
	if t.kind != tWord {
		return false
	}
	for _, a := range e.alts {
		if a == t.w {
			return true
		}
	}
	return false
}

// maxBindings bounds the ways one line may cover the tokens; together with
// the token cap it keeps matching linear in practice.
const maxBindings = 8

type matcher struct {
	l       *line
	toks    []token
	out     []binding
	partial partial
	found   bool
}

// match finds the ways l covers toks (at most maxBindings, in order of the
// earliest split) and the first way it fits but for one trailing slot.
func match(l *line, toks []token, out []binding, part *partial) []binding {
	part.l = nil
	m := matcher{l: l, toks: toks, out: out}
	var b binding
	b.l = l
	m.rec(0, 0, b)
	if m.found {
		*part = m.partial
	}
	return m.out
}

func (m *matcher) rec(ei, ti int, b binding) {
	if len(m.out) >= maxBindings {
		return
	}
	els := m.l.elems
	n := len(m.toks)
	if ei == len(els) {
		if ti == n {
			m.out = append(m.out, b)
		}
		return
	}
	if ti == n {
		m.tryPartial(ei, b)
		return
	}
	e := &els[ei]
	switch e.kind {
	case eLit:
		if e.fits(m.toks[ti]) {
			b.spans[ei] = span{ti, ti + 1}
			m.rec(ei+1, ti+1, b)
		}
		return
	case eDir:
		if _, ok := direction(m.toks[ti].w); ok && m.toks[ti].kind == tWord {
			b.spans[ei] = span{ti, ti + 1}
			m.rec(ei+1, ti+1, b)
		}
		return
	}
	// A slot: it takes at least one token, and runs up to the next literal,
	// or splits with a slot that follows it directly ("give keeper lamp").
	if ei+1 == len(els) {
		b.spans[ei] = span{ti, n}
		m.rec(ei+1, n, b)
		return
	}
	next := &els[ei+1]
	for k := ti + 1; k < n; k++ {
		if next.kind == eLit && !next.fits(m.toks[k]) {
			continue
		}
		b.spans[ei] = span{ti, k}
		m.rec(ei+1, k, b)
		if len(m.out) >= maxBindings {
			return
		}
	}
	// Ran out of words before the literal: maybe the rest was left out.
	b.spans[ei] = span{ti, n}
	m.tryPartial(ei+1, b)
}

// tryPartial records b when the elements from ei on are literals and
// then a slot the player left out (and perhaps more after it): "put key"
// leaves out "in" and where, "give" leaves out what and to whom.
func (m *matcher) tryPartial(ei int, b binding) {
	if m.found {
		return
	}
	els := m.l.elems
	for i := ei; i < len(els); i++ {
		if els[i].kind != eLit {
			m.partial = partial{binding: b, from: ei, missing: i}
			m.found = true
			return
		}
	}
}
