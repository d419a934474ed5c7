package parse

import (
	"strings"
	"testing"
)

// Fixes for what a play-tester reported; each table row failed before.

func TestSpeechTakesTheWholeLine(t *testing.T) {
	for _, c := range []struct{ in, want, rest string }{
		{"say <b>bold</b> &amp; stuff. then more; ok", `say "<b>bold</b> &amp; stuff. then more; ok"`, ""},
		{"say stop. then listen", `say "stop. then listen"`, ""},
		{"answer yes; then no", `answer "yes; then no"`, ""},
		{"reply fine. thanks", `answer "fine. thanks"`, ""},
		{"shout Help. Help!", `say ~loudly "Help. Help!"`, ""},
		{"say hello to keeper. n", `say "hello to keeper. n"`, ""},
		{"say hello to keeper.", `say to keeper "hello"`, ""},
		{"say hello.", `say "hello."`, ""},
		{"say see ../notes; ok", `say "see ../notes; ok"`, ""},
		{"'hi. then go", `say "hi. then go"`, ""},
		// Quotes say where the speech ends; a bare verb still splits.
		{`say "Go away" to wren. n`, `say to wren "Go away"`, "n"},
		{`"Stop. Wait." then n`, `say "Stop. Wait."`, "n"},
		{"say. n", "? What do you want to say?", ""},
	} {
		r := New().Parse(c.in, room())
		if got := show(r); got != c.want || r.Rest != c.rest {
			t.Errorf("%q:\n got  %s rest %q\n want %s rest %q", c.in, got, r.Rest, c.want, c.rest)
		}
	}
}

func TestPeriodSeparatesOnlyBeforeSpace(t *testing.T) {
	for _, c := range []struct{ in, want, rest string }{
		{"save ../../etc/evil", `save "../../etc/evil" [meta]`, ""},
		{"restore ../x.sav", `restore "../x.sav" [meta]`, ""},
		{"save a;b", `save "a;b" [meta]`, ""},
		{"take lamp. n", "take lamp", "n"},
		{"take lamp.", "take lamp", ""},
		{"take lamp; n", "take lamp", "n"},
		{"take lamp... n", "take lamp", "n"},
		{"take lamp!. n", "take lamp", "n"},
	} {
		r := New().Parse(c.in, room())
		if got := show(r); got != c.want || r.Rest != c.rest {
			t.Errorf("%q:\n got  %s rest %q\n want %s rest %q", c.in, got, r.Rest, c.want, c.rest)
		}
	}
}

// exitRoom is the test room with an exit out, which the driver also lists
// as a noun (so "get out" could read as taking the exit).
func exitRoom() Scope {
	s := room()
	s.Exits = append(s.Exits, "out")
	s.Nouns = append(s.Nouns, Noun{ID: "exit:out", Kind: Exit, Name: "out", Words: []string{"out"}, Here: true})
	return s
}

func TestGetOutAndOffLeave(t *testing.T) {
	for in, want := range map[string]string{
		"get out":         "exit",
		"get off":         "exit",
		"climb out":       "exit",
		"get outside":     "exit",
		"get out of box":  "exit box",
		"get off the box": "exit box",
		"get lamp":        "take lamp",
		"get":             "? What do you want to get?",
	} {
		for _, s := range []Scope{room(), exitRoom()} {
			if got := show(New().Parse(in, s)); got != want {
				t.Errorf("%q (exits %v): got %s, want %s", in, s.Exits, got, want)
			}
		}
	}
}

func TestStrikeIsLeftToStories(t *testing.T) {
	s := room()
	s.Verbs = append(s.Verbs, "strike")
	if got := show(New().Parse("strike lamp", s)); got != "strike lamp" {
		t.Errorf("with a story verb: got %s", got)
	}
	for in, want := range map[string]string{
		"strike lamp":   "! You can't strike that.",
		"strike keeper": "! You can't strike that.",
		"strike sword":  "! You can't see any such thing here.",
		"strike":        "? What do you want to strike?",
		"hit keeper":    "attack keeper",
	} {
		if got := show(New().Parse(in, room())); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
	talk(t, New(), room(), "strike", "? What do you want to strike?", "lamp", "! You can't strike that.")
}

// gullRoom adds plural things: gulls (scenery) and coins.
func gullRoom() Scope {
	s := room()
	s.Nouns = append(s.Nouns,
		Noun{ID: "gulls", Kind: Scenery, Name: "gulls", Words: []string{"gulls"}, Gender: "n", Plural: true},
		Noun{ID: "coins", Kind: Thing, Name: "coins", Words: []string{"coins"}, Gender: "n", Plural: true, Here: true},
	)
	return s
}

func TestThemIsPluralAndItSingular(t *testing.T) {
	p := New()
	talk(t, p, gullRoom(),
		"x lamp", "examine lamp",
		"x gulls", "examine gulls",
		"x them", "examine gulls",
		"x it", "examine lamp",
		"take lamp and box", "take lamp box",
		"drop them", "drop lamp box",
		"x coins", "examine coins",
		"x it", "examine lamp",
	)
	r := p.Parse("pronouns", gullRoom())
	if r.Command == nil || !strings.Contains(r.Command.Text, `“it” means the old lamp`) || !strings.Contains(r.Command.Text, `“them” means the coins`) {
		t.Errorf("pronouns: %+v", r.Command)
	}
}

func TestTakePrefersWhatYouDontHave(t *testing.T) {
	// The brass key is held, the iron key lies here.
	r := New().Parse("take key", room())
	if got := show(r); got != "take iron-key" || strings.Join(r.Notices, " ") != "(the iron key)" {
		t.Errorf("take key: %s %q", got, r.Notices)
	}
	r = New().Parse("drop key", room())
	if got := show(r); got != "drop brass-key" || strings.Join(r.Notices, " ") != "(the brass key)" {
		t.Errorf("drop key: %s %q", got, r.Notices)
	}
	// The iron key is in an open box here: neither held nor Here.
	s := room()
	for i := range s.Nouns {
		if s.Nouns[i].ID == "iron-key" {
			s.Nouns[i].Here, s.Nouns[i].Within = false, "box"
		}
	}
	if got := show(New().Parse("take key", s)); got != "take iron-key" {
		t.Errorf("take key with the iron key in the box: %s", got)
	}
}

func TestFirstWordNotAVerb(t *testing.T) {
	for in, want := range map[string]string{
		"hello":    "! That's not a verb I recognise.",
		"above":    "! That's not a verb I recognise.",
		"lamp":     "! That's not a verb I recognise.",
		"n n":      "! I only understood you as far as wanting to go north.",
		"north up": "! I only understood you as far as wanting to go north.",
	} {
		if got := show(New().Parse(in, room())); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
	// A misspelt verb can still be corrected.
	talk(t, New(), room(), "tkae lamp", "! That's not a verb I recognise.", "oops take", "take lamp")
}

func TestExamineAnyDirection(t *testing.T) {
	s := room()
	s.Nouns = append(s.Nouns, Noun{ID: "exit:north", Kind: Exit, Name: "north", Words: []string{"north"}, Here: true})
	for in, want := range map[string]string{
		"x north":          "examine exit:north",
		"x east":           "examine >east",
		"examine the west": "examine >west",
		"look down":        "examine >down",
		"x sw":             "examine >southwest",
	} {
		if got := show(New().Parse(in, s)); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

// Issue 12: what players of Inform interpreters type.
func TestPlayersOfInformAreUnderstood(t *testing.T) {
	s := gullRoom()
	s.Nouns = append(s.Nouns,
		Noun{ID: "jars", Kind: Scenery, Name: "shelves", Words: []string{"shelves", "jars", "pickles"}, Gender: "n"},
		Noun{ID: "float", Kind: Thing, Name: "glass float", Words: []string{"float"}, Adjectives: []string{"green", "glass"}, Gender: "n", Here: true},
	)
	p := New()
	talk(t, p, s,
		// A scenery detail the story did not call plural, named by a plural word.
		"x jars", "examine jars",
		"x them", "examine jars",
		"x it", "examine jars",
		// A generic noun after the adjectives.
		"x green thing", "examine float",
		"take green one", "take float",
		"x green", "examine float",
	)
	// The pronoun set by the command just before needs no "(the …)".
	if r := p.Parse("drop it", s); show(r) != "drop float" || len(r.Notices) != 0 {
		t.Errorf("drop it after x green: %s %q, want no notice", show(r), r.Notices)
	}
	p.Parse("x lamp", s)
	// Set two commands ago: say what it means.
	if r := p.Parse("x them", s); show(r) != "examine jars" || strings.Join(r.Notices, " ") != "(the shelves)" {
		t.Errorf("x them two commands later: %s %q", show(r), r.Notices)
	}
	for in, want := range map[string]string{
		"about":      "about [meta]",
		"credits":    "about [meta]",
		"exits":      "exits [meta]",
		"notify off": "notify \"off\" [meta]",
		"saves":      "saves [meta]",
		"wait 3":     "wait \"3\"",
	} {
		if got := show(New().Parse(in, s)); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}
