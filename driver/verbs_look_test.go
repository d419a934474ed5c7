package driver

import (
	"github.com/tale-if/tale/tio/markup"
	"strconv"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func TestOpeningIsTheFirstEvents(t *testing.T) {
	h := newHarness(t, testStory())
	evs := replayed(h.g)
	// The state comes first, so the opening's text is read with the
	// place it describes.
	if evs[0].Seq != 1 || evs[0].Kind != tio.KindState || evs[0].State.Location != "Entrance Hall" {
		t.Fatalf("first event = %+v, want the state with seq 1", evs[0])
	}
	if evs[1].Seq != 2 || evs[1].Kind != tio.KindText {
		t.Fatalf("second event = %+v, want text with seq 2", evs[1])
	}
	text := textOf(evs)
	for _, want := range []string{"The Test House", "Version 1.0", "by A. Tester", "You have come to the house",
		"Welcome, tester.", "Entrance Hall", "A draughty hall"} {
		if !strings.Contains(text, want) {
			t.Errorf("opening lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Random seed") {
		t.Error("a given seed must not be announced as random")
	}
	if !strings.Contains(evs[1].Text, "<bright>The Test House</bright>") {
		t.Errorf("story name not bright: %q", evs[1].Text)
	}
}

func TestRandomSeedIsAnnounced(t *testing.T) {
	g, err := New(testStory(), Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	text := textOf(replayed(g))
	want := "replay this game with --seed "
	if !strings.Contains(text, want) || !strings.Contains(text, strconv.FormatUint(g.Seed(), 10)) {
		t.Errorf("banner lacks the seed %d:\n%s", g.Seed(), text)
	}
}

func TestLookDescribesTheRoom(t *testing.T) {
	h := newHarness(t, testStory())
	out := h.expect("look", "Entrance Hall", "A draughty hall", "A long table stands against the wall.",
		"A marble statue guards the stairs.", "You see a wooden box and a brass lamp here.",
		"On the table is a cup.", "Exits: north, east, west.")
	if strings.Contains(out, "west, up") {
		t.Errorf("hidden exit listed:\n%s", out)
	}
	// The markup carries the semantic tags a front end can use.
	h.g.play(tio.Line("look"))
	var raw string
	for _, ev := range h.events() {
		if ev.Kind == tio.KindText {
			raw = ev.Text
		}
	}
	for _, tag := range []string{"<location>Entrance Hall</location>", "<item>brass lamp</item>", "<exit>north</exit>"} {
		if !strings.Contains(raw, tag) {
			t.Errorf("look markup lacks %s:\n%s", tag, raw)
		}
	}
}

func TestLookShowsNPCs(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("east", "Kitchen", "The old keeper is here.")
}

func TestBriefAndSuperbrief(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("brief", "first visit")
	h.expect("east", "Pots hang")
	h.expect("west")
	out := h.expect("east", "The kitchen.")
	if strings.Contains(out, "Pots hang") {
		t.Errorf("brief revisit shows the full text:\n%s", out)
	}
	h.expect("superbrief", "never")
	h.do("west")
	if out := h.do("east"); strings.Contains(out, "kitchen.") || !strings.Contains(out, "Kitchen") {
		t.Errorf("superbrief revisit:\n%s", out)
	}
	h.expect("look", "Pots hang") // look always tells all
	h.expect("verbose", "always")
	h.do("west")
	h.expect("east", "Pots hang")
}

func TestExamine(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("examine lamp", "A battered lamp.")
	h.expect("x box", "A small box.", "The wooden box is closed.")
	h.expect("open box", "You open the wooden box.", "The wooden box contains a brass key.")
	h.expect("x box", "is open", "contains a brass key")
	h.expect("x table", "A long table.", "On the table is a cup.")
	h.expect("x portrait", "A stern ancestor")
	h.expect("x door", "A heavy door of oak.", "The oak door is locked.")
	h.expect("x me", "You look like a tester.")
	h.expect("x cup", "You see nothing special about the cup.")
	h.do("east")
	h.expect("x keeper", "A stooped old man.")
}

func TestRead(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("read lamp", "There is nothing written on the brass lamp.")
	h.g.st().Items["book"] = youHold
	h.expect("read book", "THE WAY HOME IS UP.")
}

func TestSearchAndMap(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("search box", "The wooden box is closed.")
	h.do("open box")
	h.expect("search box", "contains a brass key")
	h.do("east")
	h.expect("map", "Entrance Hall and Kitchen")
}

// A player's name is text: whatever it holds, it never becomes markup in
// what the driver says (and so never HTML in a browser).
func TestPlayerNameIsNotMarkup(t *testing.T) {
	s := testStory()
	s.Config.Player.Name = `<bright>Eve</bright> <img src=x onerror="alert(1)">`
	h := newHarness(t, s)
	for _, line := range []string{"examine me", "wave"} {
		h.g.play(tio.Line(line))
		var html, plain string
		for _, ev := range h.events() {
			if ev.Kind == tio.KindText {
				html += markup.HTML(ev.Text)
				plain += markup.Plain(ev.Text, 0)
			}
		}
		if strings.Contains(html, "<img") || strings.Contains(html, "<span class=\"txt-bright\">Eve") {
			t.Errorf("%s: the name became markup: %s", line, html)
		}
		if line == "examine me" && !strings.Contains(plain, `<bright>Eve</bright> <img src=x onerror="alert(1)">`) {
			t.Errorf("%s: the name should read exactly as given: %q", line, plain)
		}
	}
}
