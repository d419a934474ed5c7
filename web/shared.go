package web

import (
	"sync"
	"sync/atomic"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

// Every connection of one game reads the same events (IF mode broadcasts
// the game to every tab; --shared, to every player). Rendered one writer
// at a time, an event would be turned into HTML, JSON and a frame once per
// connection. A game read by more than one connection keeps its rendered
// messages instead (renderCache): the first writer to reach an event
// renders it, the others send the same bytes, and a WebSocket sends them
// as one websocket.PreparedMessage, whose frame (and deflated frame) is
// built once for all.
//
// A message depends on the event and on the state the connection last
// took (every text message carries it), so the key holds both: the
// state's version is the seq of the state event it came from, or of the
// snapshot that carried it. Connections that took the same state share;
// one resumed without a state renders its own.

// renderCacheSpan is how many seqs behind the newest a game keeps its
// rendered messages: tabs that keep up are within a reply of each other,
// and one further behind renders for itself.
const renderCacheSpan = 64

// renderKey names one rendered message of a game.
type renderKey struct {
	seq    uint64 // the event's (for a folded message, the text's)
	state  uint64 // stateVersion of the state the message carries
	folded bool   // a state folded into its text (fold.go)
}

// renderCache is a game's rendered messages, shared by its writers.
type renderCache struct {
	mu     sync.Mutex
	msgs   map[renderKey][]*outMsg
	newest uint64
}

// get returns the messages for k, rendering them with render when no
// writer has yet. render runs outside the lock: two writers may render
// the same event at once, and the first to finish is kept.
func (rc *renderCache) get(k renderKey, render func() []*outMsg) []*outMsg {
	rc.mu.Lock()
	msgs, ok := rc.msgs[k]
	rc.mu.Unlock()
	if ok {
		return msgs
	}
	msgs = render()
	for _, m := range msgs {
		m.shared = true
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if kept, ok := rc.msgs[k]; ok {
		return kept
	}
	if rc.msgs == nil {
		rc.msgs = map[renderKey][]*outMsg{}
	}
	rc.msgs[k] = msgs
	if k.seq > rc.newest {
		rc.newest = k.seq
	}
	if len(rc.msgs) > 2*renderCacheSpan {
		for old := range rc.msgs {
			if old.seq+renderCacheSpan < rc.newest {
				delete(rc.msgs, old)
			}
		}
	}
	return msgs
}

// stateVersion names the state a renderer took: from the state event
// with seq, or (snapshot) from the look at seq. 0 is no state yet.
func stateVersion(seq uint64, snapshot bool) uint64 {
	v := seq << 1
	if snapshot {
		v |= 1
	}
	return v
}

// rendered is what the writer sends for ev, which is not part of a
// snapshot: from the game's shared messages when other connections read
// the game too, rendered for this connection alone otherwise.
func (c *client) rendered(ev tio.Event) []*outMsg {
	c.r.take(ev)
	if c.game.readers.Load() < 2 {
		return c.r.event(ev)
	}
	return c.game.rendered.get(renderKey{seq: ev.Seq, state: c.r.stateVer}, func() []*outMsg { return c.r.event(ev) })
}

// foldedShared is rendered's counterpart for a state folded into its text.
func (c *client) foldedShared(state, text tio.Event) *outMsg {
	c.r.take(state)
	if c.game.readers.Load() < 2 {
		return c.r.folded(state, text)
	}
	k := renderKey{seq: text.Seq, state: c.r.stateVer, folded: true}
	return c.game.rendered.get(k, func() []*outMsg { return []*outMsg{c.r.folded(state, text)} })[0]
}

// take keeps a state event's state, as event does, and names its version.
func (r *renderer) take(ev tio.Event) {
	if ev.Kind == tio.KindState && ev.State != nil {
		r.state = ev.State
		r.stateVer = stateVersion(ev.Seq, ev.Snapshot)
	}
}

// preparedMsg is the WebSocket frame of a shared message, built once.
type preparedMsg = atomic.Pointer[websocket.PreparedMessage]

// prepared returns m as a PreparedMessage, making it on first use; two
// writers that race make two, and both are valid.
func (m *outMsg) prepared() (*websocket.PreparedMessage, error) {
	if pm := m.frame.Load(); pm != nil {
		return pm, nil
	}
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, m.body)
	if err != nil {
		return nil, err
	}
	m.frame.CompareAndSwap(nil, pm)
	return m.frame.Load(), nil
}
