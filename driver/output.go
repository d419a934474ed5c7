package driver

import (
	"slices"
	"strings"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// output collects what one turn shows one player. Nothing reaches a
// subscriber until the turn has finished without a panic (contract 6);
// then the events get their sequence numbers and go out in order.
type output struct {
	paras  []string
	events []tio.Event
}

// say adds a paragraph of markup for the player whose eyes the turn is
// seeing through (see as). Paragraphs of one turn become one KindText
// event unless another kind of event comes between them. A story text
// shows its varying parts as they are now (vary changes nothing else),
// so every handler that says a topic, a reply or a refusal gets them.
func (tn *turn) say(markup string) {
	markup = tn.vary(markup)
	if markup = strings.TrimSpace(markup); markup != "" {
		tn.out.paras = append(tn.out.paras, markup)
	}
}

// emit queues a non-text event after the text said so far.
func (tn *turn) emit(ev tio.Event) {
	tn.out.flushText()
	tn.out.events = append(tn.out.events, ev)
}

func (o *output) flushText() {
	if len(o.paras) == 0 {
		return
	}
	o.events = append(o.events, tio.Event{Kind: tio.KindText, Text: strings.Join(o.paras, "\n\n")})
	o.paras = o.paras[:0]
}

// tell says markup to another player: text only, so their state is not
// copied for it (a say in a crowded room costs one paragraph each).
func (tn *turn) tell(p *player, markup string) {
	if p == tn.player {
		tn.say(markup)
		return
	}
	if markup = strings.TrimSpace(markup); markup != "" {
		o := tn.outFor(p)
		o.paras = append(o.paras, markup)
	}
}

// outFor is p's output in this turn, made on first use; the players
// shown something are remembered in order.
func (tn *turn) outFor(p *player) *output {
	if o := tn.outs.get(p); o != nil {
		return o
	}
	o := &output{}
	tn.outs.set(p, o)
	tn.shown = append(tn.shown, p)
	return o
}

// commit hands the turn's state to the world and its players, applies
// what it changed about them outside their State, and publishes each
// one's output, led by a KindState when anything their status line shows
// has changed: a front end that shows the state beside the text (the web
// sidebar) then draws a reply together with the place it describes, not
// with the place the player has just left.
func (tn *turn) commit() {
	tn.World.world = tn.st.WorldState
	if tn.actor != nil {
		tn.actor.own = tn.st.PlayerState // a handler may have replaced it (undo, restore)
	}
	for p, ps := range tn.own.all() {
		if p != tn.actor {
			p.own = ps
		}
	}
	for _, f := range tn.effects {
		f()
	}
	tn.effects = nil
	// Who may see something new: whoever was shown something, and after
	// a world turn everyone (the clock moved for all).
	who := tn.shown
	if tn.actor != nil && tn.outs.get(tn.actor) == nil {
		who = append([]*player{tn.actor}, who...) // a view committed by a test
	}
	if tn.actor == nil {
		who = tn.World.players
	}
	for _, p := range who {
		if p.left {
			continue
		}
		tn.publishTo(p)
	}
	tn.submitNarrations() // after the authored text is out
	for _, f := range tn.after {
		f()
	}
}

// publishTo publishes p's part of the turn.
func (tn *turn) publishTo(p *player) {
	o := tn.outs.get(p)
	switch {
	case o == nil && p == tn.actor:
		o = tn.out // a view committed by a test
	case o == nil:
		o = &output{}
	}
	o.flushText()
	evs := o.events
	// A view only for what needs one (the words of a say to a crowded
	// room need none), and the world's one room for it: publishing to a
	// hundred players made a hundred views for the collector to scan.
	var vt turn // on the stack (viewRoom)
	var v *turn
	view := func() *turn {
		if v == nil {
			v = &vt
			tn.viewOn(v, &tn.World.pubRoom, p)
		}
		return v
	}
	if p == tn.actor && tn.choices {
		// A menu or question opened by this unit of work comes after all
		// its text (timed events, NPCs moving), just before the prompt.
		if ch := view().openChoices(); ch != nil {
			evs = append(evs, tio.Event{Kind: tio.KindChoices, Choices: ch})
		}
	}
	// Words change nothing a listener's status shows; working it out for
	// each of a crowded room would be most of a say's cost.
	if !tn.speech || p == tn.actor {
		evs = tn.withStatus(view(), p, evs)
	}
	ty := tn.typography()
	for i := range evs {
		evs[i] = markup.TypesetEvent(evs[i], ty)
	}
	if p.script != nil {
		evs = view().toTranscript(evs)
	}
	for _, ev := range evs {
		p.events.Publish(ev)
	}
	if v != nil {
		tn.World.pubRoom = viewRoom{} // keeps nothing of the world alive
	}
}

// withStatus puts a KindState in front of evs when p's status changed.
func (tn *turn) withStatus(v *turn, p *player, evs []tio.Event) []tio.Event {
	st := v.status()
	if p.lastState != nil && sameStatus(p.lastState, st) {
		return evs
	}
	p.lastState = st
	// Before the text, so the text is read with the state it describes
	// (only a clear of the screen comes first); a menu stays last, so
	// the last thing a front end reads is what to choose.
	at := 0
	for at < len(evs) && evs[at].Kind == tio.KindClear {
		at++
	}
	return slices.Insert(evs, at, tio.Event{Kind: tio.KindState, State: st})
}

// sameStatus compares the numbers first: nearly every command moves the
// turn count, and then no list need be compared.
func sameStatus(a, b *tio.State) bool {
	return a.Turns == b.Turns && a.Score == b.Score && a.MaxScore == b.MaxScore &&
		a.HP == b.HP && a.MaxHP == b.MaxHP && a.Level == b.Level && a.Clock == b.Clock &&
		a.Story == b.Story && a.Location == b.Location && a.LocationImage == b.LocationImage &&
		slices.Equal(a.Exits, b.Exits) && slices.Equal(a.Items, b.Items) && slices.Equal(a.NPCs, b.NPCs) &&
		slices.Equal(a.Players, b.Players) && slices.Equal(a.Inventory, b.Inventory)
}

// typography is the game's one quote style (story.yaml's typography).
func (w *World) typography() markup.Typography { return typographyOf(w.story) }

func typographyOf(st *story.Story) markup.Typography {
	if st.Config.Typography == story.TypographyStraight {
		return markup.Straight
	}
	return markup.Curly
}
