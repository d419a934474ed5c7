package driver

import (
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
)

// output collects what one command shows. Nothing reaches a subscriber
// until the command has finished without a panic (contract 6); then the
// events get their sequence numbers and go out in order.
type output struct {
	paras  []string
	events []tio.Event
}

// say adds a paragraph of markup. Paragraphs of one command become one
// KindText event unless another kind of event comes between them.
func (tn *turn) say(markup string) {
	if markup = strings.TrimSpace(markup); markup != "" {
		tn.out.paras = append(tn.out.paras, markup)
	}
}

// emit queues a non-text event after the text said so far.
func (tn *turn) emit(ev tio.Event) {
	tn.flushText()
	tn.out.events = append(tn.out.events, ev)
}

func (tn *turn) flushText() {
	if len(tn.out.paras) == 0 {
		return
	}
	tn.out.events = append(tn.out.events, tio.Event{Kind: tio.KindText, Text: strings.Join(tn.out.paras, "\n\n")})
	tn.out.paras = tn.out.paras[:0]
}

// commit hands the turn's state to the world and its player and
// publishes the collected output, led by a KindState when anything
// the status line shows has changed: a front end that shows the state
// beside the text (the web sidebar) then draws a reply together with the
// place it describes, not with the place the player has just left.
func (tn *turn) commit() {
	tn.World.world, tn.player.own = tn.st.WorldState, tn.st.PlayerState
	tn.flushText()
	if tn.choices {
		// A menu or question opened by this unit of work comes after all
		// its text (timed events, NPCs moving), just before the prompt.
		if ch := tn.openChoices(); ch != nil {
			tn.out.events = append(tn.out.events, tio.Event{Kind: tio.KindChoices, Choices: ch})
		}
	}
	evs := tn.out.events
	if st := tn.status(); tn.lastState == nil || !sameStatus(tn.lastState, st) {
		tn.lastState = st
		// Before the text, so the text is read with the state it
		// describes (only a clear of the screen comes first); a menu or
		// the ending stays last, so the last thing a front end reads is
		// what to choose or that the story is over.
		at := 0
		for at < len(evs) && evs[at].Kind == tio.KindClear {
			at++
		}
		evs = slices.Insert(evs, at, tio.Event{Kind: tio.KindState, State: st})
	}
	if tn.script != nil {
		evs = tn.toTranscript(evs)
	}
	for _, ev := range evs {
		tn.publish(ev)
	}
}

func sameStatus(a, b *tio.State) bool {
	return a.Story == b.Story && a.Location == b.Location && a.LocationImage == b.LocationImage &&
		slices.Equal(a.Exits, b.Exits) && slices.Equal(a.Items, b.Items) && slices.Equal(a.NPCs, b.NPCs) &&
		slices.Equal(a.Inventory, b.Inventory) && a.Turns == b.Turns && a.Score == b.Score &&
		a.MaxScore == b.MaxScore && a.Clock == b.Clock &&
		a.HP == b.HP && a.MaxHP == b.MaxHP && a.Level == b.Level
}

// publish numbers an event, keeps it for replay and hands it to every
// subscriber without ever waiting for one (contract 4).
func (tn *turn) publish(ev tio.Event) {
	tn.events.Publish(ev)
}
