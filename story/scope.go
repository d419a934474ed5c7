package story

// The scopes of state in a shared world (MUD mode). In IF mode there is
// one player, so a player's own and the world's are the same thing.
const (
	ScopePlayer = "player" // every player has their own
	ScopeWorld  = "world"  // one for everyone in the world
)

var scopes = []string{ScopePlayer, ScopeWorld}

// FlagScope is the scope of a flag: its declaration's, else the story's
// scope.flags, else world.
func (s *Story) FlagScope(name string) string {
	return declared(s.Flags[name], s.Config.Scope.Flags, ScopeWorld)
}

// CounterScope is the scope of a counter, as FlagScope is of a flag.
func (s *Story) CounterScope(name string) string {
	return declared(s.Counters[name], s.Config.Scope.Flags, ScopeWorld)
}

// EventScope is the scope of a timed event: world events run on the
// world's clock, a player's on that player's own moves.
func (s *Story) EventScope(id string) string {
	if e := s.Events[id]; e != nil && e.Scope != "" {
		return e.Scope
	}
	return or(s.Config.Scope.Events, ScopeWorld)
}

// EndingScope is whom an ending ends the story for: the player who
// reached it, or everyone in the world.
func (s *Story) EndingScope(id string) string {
	if e := s.Config.Endings[id]; e != nil && e.Scope != "" {
		return e.Scope
	}
	return or(s.Config.Scope.Endings, ScopePlayer)
}

// ScoreScope is whose the score is: each player's own (an award counts
// once for each player), or the world's (one score, each award once).
func (s *Story) ScoreScope() string { return or(s.Config.Scope.Score, ScopePlayer) }

func declared(f *Flag, def, fallback string) string {
	if f != nil && f.Scope != "" {
		return f.Scope
	}
	return or(def, fallback)
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// checkScope reports a scope that is neither player nor world.
func checkScope(rep *report, path, v string) {
	if v == "" || v == ScopePlayer || v == ScopeWorld {
		return
	}
	if hint := didYouMean(v, scopes); hint != "" {
		rep.add(path, "unknown scope %q%s", v, hint)
		return
	}
	rep.add(path, "unknown scope %q; want player or world", v)
}

// checkConfigScopes checks story.yaml's scope: and every scope: of an ending.
func checkConfigScopes(c *Config, rep *report) {
	checkScope(rep, "scope.flags", c.Scope.Flags)
	checkScope(rep, "scope.events", c.Scope.Events)
	checkScope(rep, "scope.endings", c.Scope.Endings)
	checkScope(rep, "scope.score", c.Scope.Score)
	for _, id := range keys(c.Endings) {
		if e := c.Endings[id]; e != nil {
			checkScope(rep, join(join("endings", id), "scope"), e.Scope)
		}
	}
}

// checkWorldScopes checks the scope: of declared flags, counters and
// timed events.
func checkWorldScopes(s *Story, rep *report) {
	for _, id := range s.Order.Flags {
		checkScope(rep, join(join("flags", id), "scope"), s.Flags[id].Scope)
	}
	for _, id := range s.Order.Counters {
		checkScope(rep, join(join("counters", id), "scope"), s.Counters[id].Scope)
	}
	for _, id := range s.Order.Events {
		checkScope(rep, join(join("events", id), "scope"), s.Events[id].Scope)
	}
}
