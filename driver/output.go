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
func (g *Game) say(markup string) {
	if markup = strings.TrimSpace(markup); markup != "" {
		g.out.paras = append(g.out.paras, markup)
	}
}

// emit queues a non-text event after the text said so far.
func (g *Game) emit(ev tio.Event) {
	g.flushText()
	g.out.events = append(g.out.events, ev)
}

func (g *Game) flushText() {
	if len(g.out.paras) == 0 {
		return
	}
	g.out.events = append(g.out.events, tio.Event{Kind: tio.KindText, Text: strings.Join(g.out.paras, "\n\n")})
	g.out.paras = g.out.paras[:0]
}

// discard drops what a failed command produced.
func (g *Game) discard() {
	g.out.paras = g.out.paras[:0]
	g.out.events = g.out.events[:0]
	g.later = g.later[:0]
	g.choices = false
}

// commit publishes the collected output, led by a KindState when anything
// the status line shows has changed: a front end that shows the state
// beside the text (the web sidebar) then draws a reply together with the
// place it describes, not with the place the player has just left.
func (g *Game) commit() {
	g.flushText()
	if g.choices {
		// A menu or question opened by this unit of work comes after all
		// its text (timed events, NPCs moving), just before the prompt.
		g.choices = false
		if ch := g.openChoices(); ch != nil {
			g.out.events = append(g.out.events, tio.Event{Kind: tio.KindChoices, Choices: ch})
		}
	}
	evs := g.out.events
	if st := g.status(); g.lastState == nil || !sameStatus(g.lastState, st) {
		g.lastState = st
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
	if g.script != nil {
		evs = g.toTranscript(evs)
	}
	for _, ev := range evs {
		g.publish(ev)
	}
	g.out.events = evs[:0]
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
func (g *Game) publish(ev tio.Event) {
	ev.Seq = g.replay.last + 1
	g.replay.add(ev)
	g.sess.lastSeq.Store(ev.Seq)
	for id, s := range g.subs {
		if !s.offer(ev) {
			delete(g.subs, id)
		}
	}
}
