package story

import (
	"maps"
	"testing"
)

// Declarations, story.yaml's defaults and the built-in defaults decide
// each scope, in that order.
func TestScopesResolve(t *testing.T) {
	files := config(`
name: Test
start: shore
scope: {flags: player, events: player}
endings:
  lit: {kind: win, scope: world}
  drowned: {kind: lose}
respawn: yard
`)
	maps.Copy(files, zz(`
flags:
  lamp_lit: {scope: world}
  met_keeper: {}
counters:
  oil: {}
events:
  gust: {do: {say: Wind.}, scope: world}
  squall: {do: {say: Rain.}}
`))
	s, err := loadWith(t, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, got, want string }{
		{"declared flag", s.FlagScope("lamp_lit"), ScopeWorld},
		{"declared flag without scope", s.FlagScope("met_keeper"), ScopePlayer},
		{"undeclared flag", s.FlagScope("anything"), ScopePlayer},
		{"counter", s.CounterScope("oil"), ScopePlayer},
		{"event with scope", s.EventScope("gust"), ScopeWorld},
		{"event without", s.EventScope("squall"), ScopePlayer},
		{"ending with scope", s.EndingScope("lit"), ScopeWorld},
		{"ending without", s.EndingScope("drowned"), ScopePlayer},
		{"score", s.ScoreScope(), ScopePlayer},
		{"respawn", s.Config.Respawn, "yard"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(s.Order.Flags) != 2 || s.Flags["met_keeper"].ID != "met_keeper" {
		t.Errorf("flags %v, order %v: want both declared, in order", s.Flags, s.Order.Flags)
	}

	// Without any scope written, what was shared stays shared.
	s, err = loadWith(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.FlagScope("x") != ScopeWorld || s.CounterScope("x") != ScopeWorld || s.EventScope("x") != ScopeWorld ||
		s.EndingScope("lit") != ScopePlayer || s.ScoreScope() != ScopePlayer {
		t.Error("the defaults are not flags, counters and events the world's, endings and score the player's")
	}
}
