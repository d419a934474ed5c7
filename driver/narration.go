package driver

import (
	"slices"
	"strings"

	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// Narration: a language model retells what the driver has already shown
// (a room, a thing examined, a blow) and answers for people when no
// authored topic matches. The driver never waits for it: a turn only
// notes what could be retold, the notes are handed to the Narrator after
// the turn's own events are published, and whatever the model writes
// comes back, later or never, on Narrator.Results, which Run drains like
// any other message. The model's text becomes a KindNarration event for
// the one player it was for, and nothing else: it never enters a State,
// never draws from the world's generator and never runs a verb (contract
// 9). With Options.Narrator nil nothing of this runs, and a game plays
// exactly as it always did (contract 5).

// Narrator is what the driver needs of a model narrator; *narrate.Narrator
// is one. Submit must return at once whatever happens; Results is never
// closed.
type Narrator interface {
	Submit(narrate.Request) narrate.Outcome
	Results() <-chan narrate.Event
}

const (
	// maxPending bounds the narrations the world waits for: a model that
	// hangs sends nothing back, so without a bound the map would grow
	// with every look. The oldest is forgotten first; it is stale anyway.
	maxPending = 256
	// minPiece is how many bytes of streamed text the loop gathers before
	// it publishes them as one piece: a model streams a few characters a
	// chunk, and one event each would fill a session's replay buffer
	// with one room. A narration is then at most ~MaxTextBytes/minPiece
	// pieces and its final.
	minPiece = 160
)

// narrations is the world's side of narration: the requests in flight.
type narrations struct {
	n       Narrator
	results <-chan narrate.Event // nil without a narrator: never ready in Run's select
	last    uint64               // the newest request id
	pending map[uint64]*pendingNarration
}

// pendingNarration is a request the world still waits for, with what it
// needs to tell whether the answer still fits when it comes.
type pendingNarration struct {
	p     *player
	loc   string       // where the player was: gone from it, the answer is stale
	gen   uint64       // the player's narrGen for a foreground request, else 0
	kind  narrate.Kind // for the event's Of
	shown bool         // pieces were published: a stale end must take them back
	buf   strings.Builder
}

// narrationAsk is what a turn would like retold, submitted once the turn
// is committed (a dropped or refused turn asks nothing).
type narrationAsk struct {
	p   *player
	req narrate.Request
}

func newNarrations(n Narrator) narrations {
	if n == nil {
		return narrations{}
	}
	return narrations{n: n, results: n.Results(), pending: map[uint64]*pendingNarration{}}
}

// rewriteOf is the story.yaml narration.rewrite word for each kind.
var rewriteOf = map[narrate.Kind]string{narrate.Room: story.RewriteRooms, narrate.Examine: story.RewriteExamine,
	narrate.Dialogue: story.RewriteDialogue, narrate.Action: story.RewriteActions}

// narrate notes that the turn's player could read facts retold (or, for
// Dialogue, hear npc answer said). It costs nothing when narration is off.
func (tn *turn) narrate(kind narrate.Kind, facts, said string, npc *story.NPC) {
	tn.narrateFor(tn.player, kind, facts, said, npc)
}

// narrateFor is narrate for another player (someone who saw a deed).
func (tn *turn) narrateFor(p *player, kind narrate.Kind, facts, said string, npc *story.NPC) {
	if tn.narr.n == nil || p == nil || p.narrationOff || !tn.story.Config.Rewrites(rewriteOf[kind]) {
		return
	}
	req := narrate.Request{Player: p.id, Kind: kind, Facts: facts, Said: said}
	if npc != nil {
		req.NPC = narrationNPC(tn.story, npc)
	}
	tn.asks = append(tn.asks, narrationAsk{p: p, req: req})
}

// submitNarrations hands the committed turn's asks to the narrator. It
// runs after the turn's events are published, so the authored text is
// always out before any narration of it can be.
func (tn *turn) submitNarrations() {
	w := tn.World
	for _, a := range tn.asks {
		p := a.p
		if p.left {
			continue
		}
		w.narr.last++
		id := w.narr.last
		if w.dur.replaying {
			// The id is counted as live play counted it; what the model
			// answered, if anything, is in the journal (narration_journal.go).
			continue
		}
		pn := &pendingNarration{p: p, loc: p.own.Location, kind: a.req.Kind}
		if a.req.Kind != narrate.Action {
			// One foreground narration per player: a new look, examine
			// or question makes the older ones stale.
			p.narrGen++
			pn.gen = p.narrGen
			w.forget(func(old *pendingNarration) bool { return old.p == p && old.gen != 0 })
		}
		if len(w.narr.pending) >= maxPending {
			oldest := slices.Min(mapKeys(w.narr.pending))
			w.dropNarration(oldest)
		}
		a.req.ID = id
		w.narr.pending[id] = pn // before Submit: a cached answer is on Results when it returns
		switch w.narr.n.Submit(a.req) {
		case narrate.Queued, narrate.Cached:
		default:
			delete(w.narr.pending, id) // refused (budget, queue, pause): the authored text stands
		}
	}
	tn.asks = nil
}

// narrated handles one event from the narrator, on the loop.
func (w *World) narrated(ev narrate.Event) {
	pn := w.narr.pending[ev.ID]
	if pn == nil {
		return // stale and forgotten, or never ours
	}
	p := pn.p
	if p.left || p.narrationOff || p.own.Location != pn.loc || (pn.gen != 0 && pn.gen != p.narrGen) {
		w.dropNarration(ev.ID) // the player moved on: what the model says no longer fits
		return
	}
	if !ev.Final {
		pn.buf.WriteString(ev.Text)
		// A piece the journal refused stays in buf, to go with the next.
		if pn.buf.Len() >= minPiece && w.publishNarration(pn, ev.ID, false, pn.buf.String()) {
			pn.shown = true
			pn.buf.Reset()
		}
		return
	}
	delete(w.narr.pending, ev.ID)
	if ev.Text == "" && !pn.shown {
		return // failed before anything was shown: nothing to take back
	}
	w.publishNarration(pn, ev.ID, true, ev.Text)
}

// dropNarration forgets a request; pieces already shown are taken back
// with an empty final, so a front end does not keep half a sentence.
func (w *World) dropNarration(id uint64) {
	pn := w.narr.pending[id]
	if pn == nil {
		return
	}
	delete(w.narr.pending, id)
	if pn.shown && !pn.p.left {
		w.publishNarration(pn, id, true, "")
	}
}

// forget drops every pending request that match reports.
func (w *World) forget(match func(*pendingNarration) bool) {
	for _, id := range mapKeys(w.narr.pending) {
		if match(w.narr.pending[id]) {
			w.dropNarration(id)
		}
	}
}

// publishNarration puts one narration event on the player's stream only,
// once a durable game has journaled it, and says whether it did. The
// text is the narrator's sanitised markup (narrate.Sanitize), put in as
// it is: escaping it again would show entities, and nothing parses it.
func (w *World) publishNarration(pn *pendingNarration, id uint64, final bool, text string) bool {
	// Typeset before the journal, so a replay shows the same quotes.
	n := &tio.Narration{ID: id, Final: final, Text: markup.Typeset(text, w.typography()), Of: pn.kind.String()}
	if !w.journalNarration(pn.p, n) {
		return false
	}
	pn.p.events.Publish(tio.Event{Kind: tio.KindNarration, Narration: n})
	return true
}

// mapKeys lists the ids in order, so what is dropped first is the oldest.
func mapKeys(m map[uint64]*pendingNarration) []uint64 {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// placeFacts is where a conversation happens, for the model: the place's
// name and its description as written. It must not render the
// description (tn.describe): a varying text moves its sequence when it is
// shown, and a narration must not change what the game shows next. A
// varying description is left out.
func (tn *turn) placeFacts() string {
	loc := tn.story.Locations[tn.st.Location]
	if loc == nil {
		return ""
	}
	if _, varies := tn.story.Texts[loc.Description]; varies {
		return loc.Name
	}
	return loc.Name + "\n\n" + loc.Description
}

// narrationNPC is what a model is told of a person: the story's name for
// them, the topics they have authored answers about, and narration.npcs.
func narrationNPC(s *story.Story, n *story.NPC) *narrate.NPC {
	out := &narrate.NPC{Name: npcPlain(n)}
	for _, t := range n.Topics {
		if len(t.About) > 0 {
			out.Topics = append(out.Topics, t.About[0])
		}
	}
	if s.Config.Narration != nil {
		if c := s.Config.Narration.NPCs[n.ID]; c != nil {
			out.Personality, out.Occupation, out.Knows = c.Personality, c.Occupation, c.Knows
		}
	}
	return out
}

// NarrationStory is what a narrator is told of s for every prompt: its
// identity (the cache key's story and version) and story.yaml's
// narration. main opens a world's Narrator with it.
func NarrationStory(s *story.Story) narrate.Story {
	c := &s.Config
	out := narrate.Story{ID: s.ID, Version: c.Version, Title: c.Name}
	if n := c.Narration; n != nil {
		out.Voice, out.Style, out.Genre = n.Voice, n.Style, n.Type
		out.Context, out.World, out.Mood = n.Context, n.WorldInfo, n.WorldMood
	}
	return out
}
