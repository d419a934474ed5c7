package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func TestAskAndTell(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("east")
	h.expect("ask keeper about the key", "The key is in the box")
	h.expect("ask keeper about weather", "The keeper shrugs.")
	h.expect("tell keeper about lamp", "Take good care of it")
	if !h.g.st().Flags["asked_lamp"] {
		t.Error("topic effect not applied")
	}
}

func TestSay(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.play(tio.Line("say <b>hi</b>"))
	for _, ev := range h.events() {
		if ev.Kind == tio.KindText && ev.Text != "" && !strings.Contains(ev.Text, "&lt;b&gt;") {
			t.Errorf("said text not escaped: %q", ev.Text)
		}
	}
}

func choicesOf(evs []tio.Event) *tio.Choices {
	var c *tio.Choices
	for _, ev := range evs {
		if ev.Kind == tio.KindChoices {
			c = ev.Choices
		}
	}
	return c
}

func TestTalkMenu(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("east")
	h.g.play(tio.Line("talk to keeper"))
	ch := choicesOf(h.events())
	if ch == nil || ch.Prompt != "What do you say?" || len(ch.Options) != 2 {
		t.Fatalf("menu = %+v, want two options (the book one hidden)", ch)
	}
	if ch.Options[1].ID != "2" || ch.Options[1].Text != "Ask for a reward" {
		t.Errorf("option 2 = %+v", ch.Options[1])
	}
	// A typed number picks.
	if out := h.do("2"); !strings.Contains(out, "He gives you a wink.") {
		t.Errorf("picking 2: %s", out)
	}
	if h.g.st().Score != 1 || h.g.st().Menu != nil {
		t.Errorf("score %d, menu %+v", h.g.st().Score, h.g.st().Menu)
	}
	// The once option is gone; a pick by id follows Next to another menu.
	h.g.play(tio.Line("talk to keeper"))
	if ch := choicesOf(h.events()); ch == nil || len(ch.Options) != 1 {
		t.Fatalf("menu after once option = %+v", ch)
	}
	h.g.play(tio.Pick("1"))
	evs := h.events()
	if !strings.Contains(textOf(evs), "Old as the hills") {
		t.Errorf("pick 1: %s", textOf(evs))
	}
	if ch := choicesOf(evs); ch == nil || ch.Prompt != "And then?" {
		t.Fatalf("follow-up menu = %+v", ch)
	}
	// Any other command closes the menu; a number is then just a number.
	h.do("look")
	if h.g.st().Menu != nil {
		t.Error("menu still open after another command")
	}
}

func TestSocial(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("smile", "You smile")
	h.do("east")
	h.expect("wave at keeper", "You wave", "old keeper")
}
