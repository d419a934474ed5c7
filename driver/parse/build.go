package parse

import (
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// builtin reads a command with the built-in grammar lines ls (all starting
// with the word typed first).
func (r *resolver) builtin(ls []*line, src string, toks []token, end int) attempt {
	store := r.p.takeBindings()
	defer r.p.giveBindings(store)
	// Lines that fit but for a slot the player left out, in table order,
	// so the table decides the question: "talk" asks who to talk to.
	var parts [4]partial
	np := 0
	var best *failure
	for _, l := range ls {
		bs := match(l, toks, store[:0], &parts[min(np, len(parts)-1)])
		if np < len(parts) && parts[np].l != nil {
			np++
		}
		for _, b := range bs {
			c, f := r.build(&b, src, toks, end)
			if f == nil {
				return attempt{res: Result{Command: c, Meta: l.meta}}
			}
			if best == nil || f.rank > best.rank {
				best = f
			}
		}
	}
	if np > 0 && (best == nil || best.rank == rankSyntax) {
		var first attempt
		for i := 0; i < np; i++ {
			a := r.askMissing(&parts[i], src, toks)
			if a.res.Question != "" {
				return a
			}
			if i == 0 {
				first = a
			}
		}
		return first
	}
	if best == nil {
		return r.notUnderstood(toks)
	}
	return r.failed(best)
}

func (r *resolver) failed(f *failure) attempt {
	a := attempt{ask: f.ask}
	if f.ask != nil {
		a.res.Question = f.msg
	} else {
		a.res.Error = f.msg
	}
	if f.bad != nil {
		a.bad = &oopsState{start: f.bad.start, end: f.bad.end}
	}
	return a
}

// notUnderstood explains a line whose words fit no grammar line: an
// unknown word is the likeliest reason.
func (r *resolver) notUnderstood(toks []token) attempt {
	for i := range toks {
		t := &toks[i]
		if t.kind == tWord && !theGrammar().words[t.w] && !knownInScope(r.scope, t.w) {
			return unknown(t)
		}
	}
	return fail(msgNotUnder)
}

// build resolves the slots of a binding into a command.
func (r *resolver) build(b *binding, src string, toks []token, end int) (*Command, *failure) {
	keep := len(r.notices)
	c, f := r.fill(b, src, toks, end, len(b.l.elems))
	if f != nil {
		r.notices = r.notices[:keep]
	}
	return c, f
}

// commandRoom is a command and room for the one thing it names, in one
// allocation: most commands name one thing (resolver.single).
type commandRoom struct {
	c   Command
	obj [1]Noun
}

// names is whether l has a slot for a thing it acts on, which a
// commandRoom has room for.
func (l *line) names() bool {
	for i := range l.elems {
		if k := l.elems[i].kind; k == eNoun && !l.elems[i].second || k == ePlace {
			return true
		}
	}
	return false
}

// fill resolves the slots of b before element upto.
func (r *resolver) fill(b *binding, src string, toks []token, end, upto int) (*Command, *failure) {
	l := b.l
	r.line = l
	var c *Command
	if l.names() {
		room := new(commandRoom)
		c, r.room = &room.c, room.obj[:0:1]
	} else {
		c = new(Command)
	}
	*c = Command{Verb: l.verb, Prep: l.prep, Text: l.text, Direction: l.dir}
	// The indirect object first: "all" depends on it (put all in the box
	// leaves the box out; take all from the box means what is in it).
	for i := 0; i < upto; i++ {
		e := &l.elems[i]
		if e.kind != eNoun || !e.second {
			continue
		}
		ns, _, f := r.slot(toks[b.spans[i].from:b.spans[i].to], e, nil)
		if f != nil {
			return nil, f
		}
		c.Second = &ns[0]
	}
	for i := 0; i < upto; i++ {
		e := &l.elems[i]
		sp := b.spans[i]
		words := toks[sp.from:sp.to]
		switch e.kind {
		case eNoun:
			if e.second {
				continue
			}
			ns, all, f := r.slot(words, e, c.Second)
			if f != nil && l.verb == Examine {
				if d, ok := directionOf(words); ok {
					// "x east" where no exit leads east: the driver
					// answers for the direction itself.
					c.Direction = d
					continue
				}
			}
			if f != nil {
				if l.verb == Take && c.Second != nil && c.Second.Closed && f.rank == rankScope && f.ask == nil {
					f = closed(c.Second) // what is inside can't be seen, not isn't there
				}
				return nil, f
			}
			c.Objects, c.All = ns, all
		case eDir:
			d, _ := direction(words[0].w)
			g := goTo(d, r.scope)
			c.Verb, c.Direction = g.Verb, g.Direction
		case ePlace:
			if ex, ok := exitNamed(r.scope, words); ok {
				g := goTo(ex, r.scope)
				c.Verb, c.Direction = g.Verb, g.Direction
				continue
			}
			ns, f := r.one(words, e)
			if f != nil {
				return nil, f
			}
			c.Objects = ns[:1]
			if c.Verb == Go {
				c.Direction = exitOf(r.scope, &ns[0])
			}
		case eText:
			stop := end
			if sp.to < len(toks) {
				stop = toks[sp.to].start
			}
			if c.Text = textOf(src, words, stop); strings.TrimSpace(c.Text) == "" {
				return nil, &failure{msg: msgNotUnder, rank: rankSyntax}
			}
		case eTopic:
			c.Topic = topic(words)
		}
	}
	return c, nil
}

// exitOf finds the exit a noun stands for ("go through the gate" when the
// gate is both a door and the exit's name), or "".
func exitOf(scope *Scope, n *Noun) string {
	for _, e := range scope.Exits {
		if strings.EqualFold(e, n.Name) {
			return e
		}
		for _, w := range n.Words {
			if e == w {
				return e
			}
		}
	}
	return ""
}

// topic is what the player asked about, lower case, one space between
// words, without a leading article or quotes.
func topic(toks []token) string {
	if len(toks) == 1 && toks[0].kind == tQuote {
		return strings.Join(stripArticleWords(strings.Fields(toks[0].w)), " ")
	}
	toks = stripArticles(toks)
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tComma {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.w)
	}
	return b.String()
}

func stripArticleWords(ws []string) []string {
	for len(ws) > 0 && isArticle(ws[0]) {
		ws = ws[1:]
	}
	return ws
}

// abbreviations are spelled out when the parser repeats a verb back:
// "x" asks "What do you want to examine?".
var abbreviations = map[string]string{"x": "examine", "exa": "examine", "l": "look"}

// askMissing asks for the part of a command the player left out ("put key"
// → "What do you want to put the brass key in?"); the next line may give
// it.
func (r *resolver) askMissing(part *partial, src string, toks []token) attempt {
	b := &part.binding
	l := b.l
	c, f := r.fill(b, src, toks, len(src), part.from)
	if f != nil {
		return r.failed(f)
	}
	var words []string
	for i := 0; i < part.from; i++ {
		e := &l.elems[i]
		sp := b.spans[i]
		switch e.kind {
		case eLit:
			w := toks[sp.from].w
			if full, ok := abbreviations[w]; ok {
				w = full
			}
			words = append(words, markup.Escape(w))
		case eNoun:
			ns := c.Objects
			if e.second {
				ns = []Noun{*c.Second}
			}
			switch {
			case c.All && !e.second:
				words = append(words, "everything")
			case len(ns) > 3:
				words = append(words, "those things")
			default:
				words = append(words, theAll(ns, "and"))
			}
		default:
			words = append(words, markup.Escape(topic(toks[sp.from:sp.to])))
		}
	}
	var extra []string
	for i := part.from; i < part.missing; i++ {
		extra = append(extra, l.elems[i].alts[0])
	}
	words = append(words, extra...)
	missing := &l.elems[part.missing]
	lead := "What"
	switch {
	case missing.person:
		lead = "Who"
	case missing.kind == eDir, missing.kind == ePlace && l.verb == Go:
		lead = "Where"
	}
	q := lead + " do you want to " + strings.Join(words, " ") + "?"
	prefix := r.seg
	if len(extra) > 0 {
		prefix += " " + strings.Join(extra, " ")
	}
	return attempt{res: Result{Question: q}, ask: &pending{kind: askMissing, q: q, prefix: prefix, lit: strings.Join(extra, " "), ov: r.ov}}
}
