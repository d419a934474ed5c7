package web

import (
	"net/http"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// A command that changes what the sidebar shows gives a state event and
// then its text. Sent as they come, that is two messages, two frames and
// two writes for one reply. A client that asks for it with ?fold=1 (on
// /tale/ws or /tale/eventsource) gets them as one: the text message,
// carrying the new state as every text message carries the latest one,
// with "state" in special to say that the state is new (a terminal
// client redraws its status line on that; the browser redraws its sidebar
// from any text). Its seq is the text's: the state's seq is never shown,
// and resuming after the text's seq loses nothing. Without the parameter
// a client gets the two messages as before, which every client written
// for them keeps understanding (docs/protocol.md, "Folded state").
//
// Folding happens only when the text is already queued behind the state
// (the game publishes a reply's events together, so it nearly always is);
// otherwise the state goes alone, as an unfolded client would get it.

// foldParam is the query parameter that asks for folded state.
const foldParam = "fold"

// specialState marks a text message whose state fields are new.
const specialState = "state"

// wantsFold reports whether the request asks for folded state.
func wantsFold(r *http.Request) bool { return r.URL.Query().Get(foldParam) == "1" }

// folded is one text message for a state event and the text that follows
// it: the state is taken first, so the text carries it.
func (r *renderer) folded(state, text tio.Event) *outMsg {
	r.take(state)
	special := []string{specialState}
	if markup.HasClear(text.Text) {
		special = []string{"clear", specialState}
	}
	return r.text(text.Seq, r.html.html(text.Text), special, nil)
}
