package parse

import (
	"slices"
	"strings"
	"testing"
)

// In this room both keys lie on the floor, so nothing prefers one.
func twoKeys() Scope {
	s := room()
	s.Nouns[0].Held, s.Nouns[0].Here = false, true
	return s
}

func TestDisambiguationAnswer(t *testing.T) {
	for _, answer := range []string{"brass", "the brass one", "brass key", "small", "first", "1"} {
		p := New()
		talk(t, p, twoKeys(),
			"take key", "? Which do you mean, the brass key or the iron key?",
			answer, "take brass-key",
		)
	}
}

func TestDisambiguationThreeWay(t *testing.T) {
	s := twoKeys()
	s.Nouns = append(s.Nouns, Noun{ID: "glass-key", Kind: Thing, Name: "glass key", Words: []string{"key"}, Adjectives: []string{"glass", "small"}, Here: true})
	p := New()
	talk(t, p, s,
		"take key", "? Which do you mean, the brass key, the iron key or the glass key?",
		"small", "? Which do you mean, the brass key or the glass key?",
		"glass", "take glass-key",
	)
}

func TestDisambiguationNewCommandCancels(t *testing.T) {
	p := New()
	talk(t, p, twoKeys(),
		"take key", "? Which do you mean, the brass key or the iron key?",
		"look", "look",
		"iron", "! That's not a verb I recognise.",
	)
}

func TestDisambiguationNotNarrowingAsksAgain(t *testing.T) {
	p := New()
	talk(t, p, twoKeys(),
		"take key", "? Which do you mean, the brass key or the iron key?",
		"key", "? Which do you mean, the brass key or the iron key?",
		"iron", "take iron-key",
	)
}

func TestDisambiguationBoth(t *testing.T) {
	p := New()
	talk(t, p, twoKeys(),
		"take key", "? Which do you mean, the brass key or the iron key?",
		"both", "take brass-key iron-key",
	)
}

func TestAgainReplaysTheAnsweredCommand(t *testing.T) {
	p := New()
	talk(t, p, twoKeys(),
		"x key", "? Which do you mean, the brass key or the iron key?",
		"iron", "examine iron-key",
		"again", "examine iron-key",
		"g", "examine iron-key",
	)
}

func TestAgainKeepsLineAndMeta(t *testing.T) {
	p := New()
	rs := talk(t, p, room(),
		"score", "score [meta]",
		"g", "score [meta]",
		"take lamp. g", "take lamp",
	)
	if rs[2].Rest != "g" {
		t.Fatalf("rest = %q", rs[2].Rest)
	}
	r := p.Parse(rs[2].Rest, room())
	if show(r) != "take lamp" || r.Command.Line != "take lamp" {
		t.Errorf("again after take: %s, line %q", show(r), r.Command.Line)
	}
}

func TestAgainAfterAnErrorRepeatsTheLastGoodCommand(t *testing.T) {
	p := New()
	talk(t, p, room(),
		"take lamp", "take lamp",
		"take sword", "! You can't see any such thing here.",
		"again", "take lamp",
	)
}

func TestOops(t *testing.T) {
	p := New()
	talk(t, p, room(),
		"take lmap", "! You can't see any such thing here.",
		"oops lamp", "take lamp",
		"oops box", "! There is nothing to correct.",
	)
	talk(t, p, room(),
		"examine the wodoen box", "! You can't see any such thing here.",
		"o wooden", "examine box",
	)
	talk(t, p, room(),
		"tkae lamp", "! That's not a verb I recognise.",
		"oops take", "take lamp",
		"again", "take lamp",
	)
}

func TestOopsKeepsTheRestOfTheLine(t *testing.T) {
	p := New()
	talk(t, p, room(), "take lmap then go north", "! You can't see any such thing here.")
	r := p.Parse("oops lamp", room())
	if show(r) != "take lamp" || r.Rest != "go north" {
		t.Errorf("got %s rest %q", show(r), r.Rest)
	}
}

func TestPronounsWithNotice(t *testing.T) {
	p := New()
	talk(t, p, room(),
		"take lamp", "take lamp",
		"examine it", "examine lamp",
		"talk to keeper", "talk keeper",
		"give it to him", "give lamp to keeper",
		"ask her about the storm", `! I'm not sure what “her” refers to.`,
		"look at wren", "examine wren",
		"ask her about the storm", "ask wren about #storm",
		"take lamp and box", "take lamp box",
		"drop them", "drop lamp box",
	)
	r := p.Parse("x it", room())
	if got := strings.Join(r.Notices, " "); got != "(the old lamp)" {
		t.Errorf("notice for it = %q", got)
	}
	r = p.Parse("drop them", room())
	if got := strings.Join(r.Notices, " "); got != "(the old lamp and the wooden box)" {
		t.Errorf("notice for them = %q", got)
	}
}

func TestGuessesAreAnnounced(t *testing.T) {
	r := New().Parse("take key", room())
	if show(r) != "take iron-key" || strings.Join(r.Notices, " ") != "(the iron key)" {
		t.Errorf("got %s %v", show(r), r.Notices)
	}
	r = New().Parse("drop key", room())
	if show(r) != "drop brass-key" || strings.Join(r.Notices, " ") != "(the brass key)" {
		t.Errorf("got %s %v", show(r), r.Notices)
	}
	r = New().Parse("take brass key", room())
	if len(r.Notices) != 0 {
		t.Errorf("exact name needs no notice: %v", r.Notices)
	}
}

func TestAnswerKeepsTheRestOfTheLine(t *testing.T) {
	p := New()
	talk(t, p, twoKeys(), "take key then go north", "? Which do you mean, the brass key or the iron key?")
	if r := p.Parse("iron", twoKeys()); show(r) != "take iron-key" || r.Rest != "go north" {
		t.Errorf("got %s rest %q", show(r), r.Rest)
	}
	talk(t, p, twoKeys(), "take. look", "? What do you want to take?")
	if r := p.Parse("lamp", twoKeys()); show(r) != "take lamp" || r.Rest != "look" {
		t.Errorf("got %s rest %q", show(r), r.Rest)
	}
}

func TestPersonOfNoGenderIsThemOrIt(t *testing.T) {
	s := room()
	s.Nouns = append(s.Nouns, Noun{ID: "sailor", Kind: Person, Name: "sailor", Words: []string{"sailor"}, Gender: "n", Here: true})
	p := New()
	talk(t, p, s,
		"talk to sailor", "talk sailor",
		"ask them about the storm", "ask sailor about #storm",
		"give lamp to it", "give lamp to sailor",
	)
}

func TestPronounGoneFromScope(t *testing.T) {
	p := New()
	talk(t, p, room(), "take lamp", "take lamp")
	dark := room()
	dark.Nouns = dark.Nouns[3:] // no keys, no lamp
	talk(t, p, dark, "x it", `! You can't see “it” (the old lamp) at the moment.`)
}

func TestPronounsCommand(t *testing.T) {
	p := New()
	talk(t, p, room(), "take lamp", "take lamp", "x keeper", "examine keeper")
	r := p.Parse("pronouns", room())
	want := `At the moment, “it” means the old lamp; “them” is unset; “him” means the keeper; “her” is unset.`
	if r.Command == nil || r.Command.Text != want || !r.Meta {
		t.Errorf("got %s / %q", show(r), r.Command.Text)
	}
}

func TestResetForgets(t *testing.T) {
	p := New()
	talk(t, p, room(), "take lamp", "take lamp", "take lmap", "! You can't see any such thing here.")
	p.Reset()
	talk(t, p, room(),
		"again", "! You can't very well repeat what you haven't done.",
		"x it", `! I'm not sure what “it” refers to.`,
		"oops lamp", "! There is nothing to correct.",
	)
}

func TestMissingObjectAnswered(t *testing.T) {
	p := New()
	talk(t, p, room(),
		"take", "? What do you want to take?",
		"the lamp", "take lamp",
		"put key", "? What do you want to put the brass key in?",
		"box", "put brass-key in box",
		"put key", "? What do you want to put the brass key in?",
		"in the box", "put brass-key in box",
		"unlock", "? What do you want to unlock?",
		"door", "unlock door",
		"hug", "? Who do you want to hug?",
		"wren", "hug(social) wren",
		"take", "? What do you want to take?",
		"north", "go >north",
		"take", "? What do you want to take?",
		"sword", "! You can't see any such thing here.",
		"give", "? What do you want to give?",
		"lamp", "? Who do you want to give the old lamp to?",
		"to the keeper", "give lamp to keeper",
		"say", "? What do you want to say?",
		`""`, "? What do you want to say?",
	)
}

func TestMultipleCommands(t *testing.T) {
	cases := []struct{ in, first, rest string }{
		{"take lamp then go north", "take lamp", "go north"},
		{"take lamp. go north", "take lamp", "go north"},
		{"take lamp; n; drop lamp", "take lamp", "n; drop lamp"},
		{"take lamp and box then n", "take lamp box", "n"},
		{`say "Stop. Wait." then go north`, `say "Stop. Wait."`, "go north"},
		{". . look", "look", ""},
	}
	for _, c := range cases {
		r := New().Parse(c.in, room())
		if show(r) != c.first || r.Rest != c.rest {
			t.Errorf("%q: got %s rest %q; want %s rest %q", c.in, show(r), r.Rest, c.first, c.rest)
		}
	}
}

func TestCommandLineIsTheCommandAsTyped(t *testing.T) {
	r := New().Parse("  Take the Lamp  then n", room())
	if r.Command.Line != "Take the Lamp" {
		t.Errorf("line = %q", r.Command.Line)
	}
}

func TestPlayerWordsAreEscaped(t *testing.T) {
	for _, in := range []string{"<clear>", "take <b>", "smile <dim>ly"} {
		r := New().Parse(in, room())
		msg := r.Error + r.Question
		if strings.Contains(msg, "<") {
			t.Errorf("%q: unescaped player text in %q", in, msg)
		}
	}
}

func TestLongGarbageLine(t *testing.T) {
	long := strings.Repeat("take lamp and \xff\xfe key, ", 400)
	r := New().Parse(long, room())
	if r.Error == "" && r.Command == nil && r.Question == "" {
		t.Fatal("empty result")
	}
	r = New().Parse(strings.Repeat("x", 5000), room())
	if r.Error != msgNotVerb {
		t.Errorf("got %q", r.Error)
	}
}

func TestCompleteAndVerbs(t *testing.T) {
	s := room()
	got := Complete("ta", s)
	want := []string{"take", "talk", "taste"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Complete(ta) = %v", got)
	}
	if got := Complete("take br", s); strings.Join(got, ",") != "take brass" {
		t.Errorf("Complete(take br) = %v", got)
	}
	if got := Complete("go g", s); strings.Join(got, ",") != "go gate" {
		t.Errorf("Complete(go g) = %v", got)
	}
	if got := Complete("Go N", s); strings.Join(got, ",") != "Go north,Go northeast,Go northwest" {
		t.Errorf("Complete(Go N) = %v", got)
	}
	if got := Complete("give keeper the l", s); strings.Join(got, ",") != "give keeper the lamp,give keeper the lantern" {
		t.Errorf("Complete(give keeper the l) = %v", got)
	}
	if got := Complete("hu", s); strings.Join(got, ",") != "hug,hum" {
		t.Errorf("Complete(hu) = %v", got)
	}
	// Abbreviations are what players type instead of completing; offering
	// "exa" for "ex" would be noise.
	if got := Complete("ex", s); strings.Join(got, ",") != "examine,exit,exits" {
		t.Errorf("Complete(ex) = %v, want examine, exit and exits only", got)
	}
	if got := Complete("in", s); slices.Contains(got, "inv") {
		t.Errorf("Complete(in) = %v offers the abbreviation inv", got)
	}
	if got := Complete("ri", s); strings.Join(got, ",") != "ring" {
		t.Errorf("Complete(ri) = %v", got)
	}
	vs := strings.Join(Verbs(), " ")
	for _, v := range []string{"take", "examine", "x", "again", "oops", "quit"} {
		if !strings.Contains(" "+vs+" ", " "+v+" ") {
			t.Errorf("Verbs lacks %q", v)
		}
	}
}
