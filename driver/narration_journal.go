package driver

import (
	"encoding/json"
	"fmt"

	"github.com/tale-if/tale/tio"
)

// Narration in a durable game (contract 8).
//
// A narration event is numbered in its player's stream like any other,
// and a resuming reader asks by number, so a rebuild must publish it
// again, at the same place, with the same text. The model cannot be asked
// again (it would answer otherwise, later or never), so each event is
// journaled as it is published — piece, final or take-back, for the one
// player it goes to — and replay publishes it from the entry. Replay
// never submits a request.
//
// A narration is decoration: when its entry cannot be appended it is
// dropped (one log line) and the game goes on; nothing is refused. A
// request still in flight when the process dies is lost with it: no
// entry, so no event, and its pieces already shown are never finished.
// The request ids a rebuild hands out go on from the journal's (live
// play's asks are counted again on replay, and the snapshot keeps the
// newest), so a client never sees a new narration under an old id.

// journalNarration appends the entry for n, about to be published to p,
// and says whether to publish it.
func (w *World) journalNarration(p *player, n *tio.Narration) bool {
	if w.opts.Journal == nil || w.dur.replaying {
		return true
	}
	data, err := json.Marshal(n)
	if err == nil {
		_, err = w.appendEntry(EntryNarration, p.id, string(data))
	}
	if err != nil {
		w.log.Warn("journal append failed; a narration is dropped", "player", p.id, "narration", n.ID, "err", err)
		return false
	}
	return true
}

// replayNarration publishes a journaled narration to p again.
func (w *World) replayNarration(p *player, e Entry) error {
	var n tio.Narration
	if err := json.Unmarshal([]byte(e.Text), &n); err != nil {
		return fmt.Errorf("%w: entry %d (narration): %v", ErrBadJournal, e.N, err)
	}
	w.narr.last = max(w.narr.last, n.ID) // a game rebuilt without a narrator counts no asks
	p.events.Publish(tio.Event{Kind: tio.KindNarration, Narration: &n})
	return nil
}
