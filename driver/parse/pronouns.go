package parse

import (
	"strings"
)

// ref is what a pronoun points at: the id to find it again, its name
// for "(the brass key)" and for "pronouns" when it has gone out of sight,
// and the command that set it (Parser.gen then).
type ref struct {
	id   string
	name string // the noun's Name; as a sentence says it when said
	gen  int
	said bool // name is already as said (restored from a save)
}

// the is the name as a sentence says it, worked out when it is said
// rather than for every command that points a pronoun.
func (r *ref) the() string {
	if r.said {
		return r.name
	}
	return theName(r.name)
}

var pronounWords = [...]string{"it", "them", "him", "her"}

func pronounIndex(w string) int {
	for i, p := range pronounWords {
		if p == w {
			return i
		}
	}
	return -1
}

func (p *Parser) refOf(n *Noun) ref { return ref{id: n.ID, name: n.Name, gen: p.gen} }

// point1 points pronoun k at r alone, in the parser's room for it: a
// pronoun is mostly one thing, and a new slice for it each command was
// an allocation.
func (p *Parser) point1(k int, r ref) {
	p.pronRoom[k] = r
	p.pron[k] = p.pronRoom[k : k+1 : k+1]
}

// setPronouns points it/them/him/her at what the command was about. The
// direct objects count more than the indirect one, so they are set last.
func (p *Parser) setPronouns(c *Command) {
	p.gen++
	if c.Second != nil {
		p.point(c.Second, "")
	}
	if len(c.Objects) > 1 {
		refs := make([]ref, 0, len(c.Objects))
		for i := range c.Objects {
			if c.Objects[i].Kind != Self && c.Objects[i].Kind != Exit {
				refs = append(refs, p.refOf(&c.Objects[i]))
			}
		}
		if len(refs) > 0 {
			p.pron[1] = refs
		}
		return
	}
	for i := range c.Objects {
		p.point(&c.Objects[i], c.Line)
	}
}

// point sets the pronoun n answers to. line is what the player typed: a
// thing called by a plural word ("x jars", for shelves of jars) is
// "them" as well as "it", whatever the story says of its number.
func (p *Parser) point(n *Noun, line string) {
	if n.Kind == Self || n.Kind == Exit {
		return
	}
	r := p.refOf(n)
	switch {
	case n.Plural:
		p.point1(1, r)
	case n.Kind != Person && calledPlural(n, line):
		p.point1(0, r)
		p.point1(1, r)
	case n.Kind == Person && n.Gender == "m":
		p.point1(2, r)
	case n.Kind == Person && n.Gender == "f":
		p.point1(3, r)
	case n.Kind == Person:
		// Stories default a person's gender to "n"; players may call
		// such a person "them" or "it", so both point there.
		p.point1(0, r)
		p.point1(1, r)
	default:
		p.point1(0, r)
	}
}

func (r *resolver) pronoun(w string) ([]Noun, *failure) {
	refs := r.p.pron[pronounIndex(w)]
	if len(refs) == 0 {
		return nil, &failure{msg: "I'm not sure what “" + w + "” refers to.", rank: rankScope}
	}
	out := make([]Noun, 0, len(refs))
	names := make([]string, 0, len(refs))
	for _, rf := range refs {
		n, ok := findID(r.scope, rf.id)
		if !ok {
			return nil, &failure{msg: "You can't see “" + w + "” (" + rf.the() + ") at the moment.", rank: rankScope}
		}
		out = append(out, n)
		names = append(names, the(&n))
	}
	// Set by the command just before, the pronoun can mean only that:
	// naming it again would be noise. Set longer ago, it may surprise.
	if refs[0].gen != r.p.gen {
		r.notices = append(r.notices, "("+list(names, "and")+")")
	}
	return out, nil
}

// calledPlural reports whether line calls n by one of its words that reads
// as an English plural ("jars", "gulls"; not "glass" or "moss").
func calledPlural(n *Noun, line string) bool {
	if line == "" {
		return false
	}
	for _, w := range n.Words {
		for f := range strings.FieldsSeq(w) {
			if looksPlural(f) && hasField(line, f) {
				return true
			}
		}
	}
	return false
}

func looksPlural(w string) bool {
	return len(w) > 2 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// pronounsText says what the pronouns mean now, for the "pronouns" command.
func (p *Parser) pronounsText() string {
	clauses := make([]string, 0, len(pronounWords))
	for i, w := range pronounWords {
		refs := p.pron[i]
		if len(refs) == 0 {
			clauses = append(clauses, "“"+w+"” is unset")
			continue
		}
		names := make([]string, len(refs))
		for j := range refs {
			names[j] = refs[j].the()
		}
		clauses = append(clauses, "“"+w+"” means "+list(names, "and"))
	}
	return "At the moment, " + strings.Join(clauses, "; ") + "."
}
