package parse

import "testing"

// lockRoom carries both keys; only the iron one fits a lock in sight.
func lockRoom() Scope {
	s := room()
	for i := range s.Nouns {
		switch s.Nouns[i].ID {
		case "iron-key":
			s.Nouns[i].Held, s.Nouns[i].Here, s.Nouns[i].Fits = true, false, true
		case "box":
			s.Nouns[i].Closed = true
		}
	}
	// The box is closed: what is in it is out of sight.
	out := s.Nouns[:0]
	for _, n := range s.Nouns {
		if n.Within != "box" {
			out = append(out, n)
		}
	}
	s.Nouns = out
	return s
}

func TestLockAndUnlockPreferTheKeyThatFits(t *testing.T) {
	for in, want := range map[string]string{
		"unlock door with key": "unlock door with iron-key",
		"lock door with key":   "lock door with iron-key",
		"open door with key":   "unlock door with iron-key",
	} {
		r := New().Parse(in, lockRoom())
		if got := show(r); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
	// Other verbs still ask.
	if r := New().Parse("drop key", lockRoom()); r.Question == "" {
		t.Errorf("drop key: got %s, want a question", show(r))
	}
}

func TestTakingFromAClosedContainerSaysSo(t *testing.T) {
	for in, want := range map[string]string{
		"take all from box":  "! The wooden box is closed.",
		"take coin from box": "! The wooden box is closed.",
	} {
		if got := show(New().Parse(in, lockRoom())); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
	// Open, an empty box still says it is empty.
	s := lockRoom()
	for i := range s.Nouns {
		s.Nouns[i].Closed = false
	}
	if got, want := show(New().Parse("take all from box", s)), "! There is nothing in the wooden box to take."; got != want {
		t.Errorf("take all from an empty box: got %s, want %s", got, want)
	}
}
