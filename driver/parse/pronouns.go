package parse

import (
	"strings"
)

// ref is what a pronoun points at: the id to find it again, and its name
// for "(the brass key)" and for "pronouns" when it has gone out of sight.
type ref struct{ id, name string }

var pronounWords = [...]string{"it", "them", "him", "her"}

func pronounIndex(w string) int {
	for i, p := range pronounWords {
		if p == w {
			return i
		}
	}
	return -1
}

func refOf(n *Noun) ref { return ref{id: n.ID, name: the(n)} }

// setPronouns points it/them/him/her at what the command was about. The
// direct objects count more than the indirect one, so they are set last.
func (p *Parser) setPronouns(c *Command) {
	if c.Second != nil {
		p.point(c.Second)
	}
	if len(c.Objects) > 1 {
		refs := make([]ref, 0, len(c.Objects))
		for i := range c.Objects {
			if c.Objects[i].Kind != Self && c.Objects[i].Kind != Exit {
				refs = append(refs, refOf(&c.Objects[i]))
			}
		}
		if len(refs) > 0 {
			p.pron[1] = refs
		}
		return
	}
	for i := range c.Objects {
		p.point(&c.Objects[i])
	}
}

func (p *Parser) point(n *Noun) {
	if n.Kind == Self || n.Kind == Exit {
		return
	}
	rs := []ref{refOf(n)}
	switch {
	case n.Plural:
		p.pron[1] = rs
	case n.Kind == Person && n.Gender == "m":
		p.pron[2] = rs
	case n.Kind == Person && n.Gender == "f":
		p.pron[3] = rs
	case n.Kind == Person:
		// Stories default a person's gender to "n"; players may call
		// such a person "them" or "it", so both point there.
		p.pron[0], p.pron[1] = rs, rs
	default:
		p.pron[0] = rs
	}
}

func (r *resolver) pronoun(w string) ([]Noun, *failure) {
	refs := r.p.pron[pronounIndex(w)]
	if len(refs) == 0 {
		return nil, &failure{msg: `I'm not sure what "` + w + `" refers to.`, rank: rankScope}
	}
	out := make([]Noun, 0, len(refs))
	names := make([]string, 0, len(refs))
	for _, rf := range refs {
		n, ok := findID(r.scope, rf.id)
		if !ok {
			return nil, &failure{msg: `You can't see "` + w + `" (` + rf.name + `) at the moment.`, rank: rankScope}
		}
		out = append(out, n)
		names = append(names, the(&n))
	}
	r.notices = append(r.notices, "("+list(names, "and")+")")
	return out, nil
}

// pronounsText says what the pronouns mean now, for the "pronouns" command.
func (p *Parser) pronounsText() string {
	clauses := make([]string, 0, len(pronounWords))
	for i, w := range pronounWords {
		refs := p.pron[i]
		if len(refs) == 0 {
			clauses = append(clauses, `"`+w+`" is unset`)
			continue
		}
		names := make([]string, len(refs))
		for j := range refs {
			names[j] = refs[j].name
		}
		clauses = append(clauses, `"`+w+`" means `+list(names, "and"))
	}
	return "At the moment, " + strings.Join(clauses, "; ") + "."
}
