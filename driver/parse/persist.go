package parse

import "encoding/json"

// The parser's conversation is part of a game a snapshot must keep
// (contract 8): after a crash, "take it", "again", "oops" and the answer to
// an open "which do you mean?" must read the same as if the game had never
// stopped, or replay from a snapshot would diverge from the game it
// rebuilds. These mirror types are the JSON form; the parser's own fields
// stay unexported.

type savedParser struct {
	Last    *savedReplay  `json:"last,omitempty"`
	Pron    [][]savedRef  `json:"pron,omitempty"`
	Pending *savedPending `json:"pending,omitempty"`
	Oops    *savedOops    `json:"oops,omitempty"`
	Gen     int           `json:"gen,omitempty"`
}

type savedReplay struct {
	Seg string              `json:"seg"`
	Ov  map[string][]string `json:"ov,omitempty"`
}

type savedRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Gen  int    `json:"gen"`
}

type savedPending struct {
	Kind   askKind             `json:"kind"`
	Q      string              `json:"q"`
	Seg    string              `json:"seg,omitempty"`
	Rest   string              `json:"rest,omitempty"`
	Key    string              `json:"key,omitempty"`
	Cands  []Noun              `json:"cands,omitempty"`
	Ov     map[string][]string `json:"ov,omitempty"`
	Prefix string              `json:"prefix,omitempty"`
	Lit    string              `json:"lit,omitempty"`
}

type savedOops struct {
	Line       string `json:"line"`
	Start, End int
}

// MarshalJSON stores the conversation: pronouns, what "again" repeats,
// the open question and the word "oops" would correct.
func (p *Parser) MarshalJSON() ([]byte, error) {
	s := savedParser{Gen: p.gen}
	if p.hasLast {
		s.Last = &savedReplay{Seg: p.last.seg, Ov: p.last.ov}
	}
	s.Pron = make([][]savedRef, len(p.pron))
	for i, refs := range p.pron {
		for _, r := range refs {
			s.Pron[i] = append(s.Pron[i], savedRef{r.id, r.the(), r.gen})
		}
	}
	if q := p.pending; q != nil {
		s.Pending = &savedPending{q.kind, q.q, q.seg, q.rest, q.key, q.cands, q.ov, q.prefix, q.lit}
	}
	if o := p.oops; o != nil {
		s.Oops = &savedOops{o.line, o.start, o.end}
	}
	return json.Marshal(s)
}

// UnmarshalJSON restores what MarshalJSON stored.
func (p *Parser) UnmarshalJSON(data []byte) error {
	var s savedParser
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*p = Parser{gen: s.Gen}
	if s.Last != nil {
		p.last, p.hasLast = replay{seg: s.Last.Seg, ov: s.Last.Ov}, true
	}
	for i, refs := range s.Pron {
		if i >= len(p.pron) {
			break
		}
		for _, r := range refs {
			p.pron[i] = append(p.pron[i], ref{id: r.ID, name: r.Name, gen: r.Gen, said: true})
		}
	}
	if q := s.Pending; q != nil {
		p.pending = &pending{q.Kind, q.Q, q.Seg, q.Rest, q.Key, q.Cands, q.Ov, q.Prefix, q.Lit}
	}
	if o := s.Oops; o != nil {
		p.oops = &oopsState{o.Line, o.Start, o.End}
	}
	return nil
}
