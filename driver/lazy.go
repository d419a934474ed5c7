package driver

// What a world works out from its story for commands, made on first use
// (played). The world's loop is the only goroutine that reaches it.

// idx names the story's once-only things (index.go).
func (p *played) idx() keyIndex {
	if p.keys == nil {
		p.keys = indexStory(p.story)
	}
	return p.keys
}

// nouns is what the parser's scope is made from (scope.go).
func (p *played) nouns() *nounCache {
	if p.nounsMade == nil {
		c := newNounCache(p.story)
		p.nounsMade = &c
	}
	return p.nounsMade
}

// exitsAt is a location's exits in display order, hidden ones too (for
// the ones a player may know of, exitsOf): nil for no location.
func (p *played) exitsAt(loc string) []exit {
	if exs, ok := p.exitsMade[loc]; ok {
		return exs
	}
	l := p.story.Locations[loc]
	if l == nil {
		return nil
	}
	exs := locationExits(loc, l)
	p.exitsMade[loc] = exs
	return exs
}

// doorRooms is, for each door, the locations whose exits it is on
// (announce.go).
func (p *played) doorRooms() map[string][]string {
	if p.doorsMade == nil {
		all := make(map[string][]exit, len(p.story.Locations))
		for id := range p.story.Locations {
			all[id] = p.exitsAt(id) // doorRooms sorts what it lists
		}
		p.doorsMade = doorRooms(all)
	}
	return p.doorsMade
}
