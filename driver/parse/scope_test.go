package parse

import (
	"slices"
	"strings"
	"testing"
)

// The driver lists exits as nouns too, so "examine north" works; a door
// may share its name with the exit it closes.
func gateRoom() Scope {
	s := room()
	s.Nouns = append(s.Nouns,
		Noun{ID: "exit:north", Kind: Exit, Name: "north", Words: []string{"north"}, Here: true},
		Noun{ID: "exit:gate", Kind: Exit, Name: "gate", Words: []string{"gate"}, Here: true},
		Noun{ID: "door:gate", Kind: Thing, Name: "iron gate", Words: []string{"iron gate", "gate"}, Adjectives: []string{"iron"}, Here: true},
		Noun{ID: "window-detail", Kind: Scenery, Name: "window", Words: []string{"window"}},
	)
	return s
}

func TestThingsBeatExitsAndScenerySilently(t *testing.T) {
	for in, want := range map[string]string{
		"open gate":       "open door:gate",
		"x gate":          "examine door:gate",
		"go gate":         "go >gate",
		"enter gate":      "go >gate",
		"go through gate": "go >gate",
		"x north":         "examine exit:north",
		"look north":      "examine exit:north",
		"take all":        "take all: iron-key lamp box door door:gate",
		"take all keys":   "take all: iron-key",
	} {
		r := New().Parse(in, gateRoom())
		if got := show(r); got != want || len(r.Notices) != 0 {
			t.Errorf("%q: got %s %v, want %s", in, got, r.Notices, want)
		}
	}
}

func TestStoryVerbs(t *testing.T) {
	s := room()
	s.Verbs = []string{"Ring", "push on", "kiss", "take"}
	for in, want := range map[string]string{
		"ring":                "Ring",
		"RING the box":        "Ring box",
		"ring box with key":   "Ring box with brass-key",
		"push on the box":     "push on box",
		"push box":            "push box",
		"kiss wren":           "kiss wren",
		"take lamp":           "take lamp",
		"ring sword":          "! You can't see any such thing here.",
		"ring key":            "ring brass-key",
		"ring key with sword": "! You can't see any such thing here.",
	} {
		got := show(New().Parse(in, s))
		if in == "ring key" {
			// no preference rule applies to a story verb, so it asks
			want = "? Which do you mean, the brass key or the iron key?"
		}
		if got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestCompleteFirstWordOffersExits(t *testing.T) {
	if got := Complete("ga", room()); strings.Join(got, ",") != "gape,gasp,gate" {
		t.Errorf("Complete(ga) = %v", got)
	}
	if got := Complete("", room()); len(got) < 100 {
		t.Errorf("Complete(\"\") offers only %d words", len(got))
	}
}

// IsVerb answers for exactly the words Verbs lists: a story verb that is
// not one of them is offered everywhere by the driver, one that is stays
// the built-in verb.
func TestIsVerbIsMembershipOfVerbs(t *testing.T) {
	verbs := Verbs()
	for _, w := range verbs {
		if !IsVerb(w) {
			t.Errorf("IsVerb(%q) = false; Verbs lists it", w)
		}
	}
	for _, w := range []string{"", "lamp", "xyzzy", "wind", "ring", "takes", "Take"} {
		if _, listed := slices.BinarySearch(verbs, w); IsVerb(w) != listed {
			t.Errorf("IsVerb(%q) = %v; Verbs lists it: %v", w, IsVerb(w), listed)
		}
	}
}
