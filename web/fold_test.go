package web

import (
	"encoding/json"
	"maps"
	"net"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// recorder is a transport that keeps what the writer sends.
type recorder struct{ sent []*outMsg }

func (r *recorder) write(m *outMsg) error { r.sent = append(r.sent, m); return nil }
func (r *recorder) heartbeat() error      { return nil }
func (r *recorder) close(int, string)     {}

// foldClient is a writer for a fold (or plain) connection, reading evs
// from a stream as the game would have queued them.
func foldClient(t *testing.T, fold bool, evs ...tio.Event) (*client, chan tio.Event) {
	t.Helper()
	ts := startServer(t, Config{WebSocket: true}, nil)
	st := newSeat("TESTTOKEN", nil, nil)
	c := ts.srv.newClient(st, nil, transportWS, &game{Session: ts.game}, nil, -1, nil)
	c.fold = fold
	c.r = renderer{html: ts.srv.html}
	ch := make(chan tio.Event, len(evs))
	for _, ev := range evs {
		ch <- ev
	}
	return c, ch
}

// decodeOut reads a message the writer sent.
func decodeOut(t *testing.T, m *outMsg) msg {
	t.Helper()
	return decodeMsg(t, m.body)
}

var moved = tio.State{Location: "North Room", Exits: []string{"south"}, Turns: 4}

func TestFoldedStateIsOneMessageWithTheText(t *testing.T) {
	state := tiotest.State(moved)
	state.Seq = 7
	text := tiotest.Text("You go north.")
	text.Seq = 8

	c, events := foldClient(t, true, text)
	out := &recorder{}
	if !c.writeEvent(out, state, events) {
		t.Fatal("the writer stopped")
	}
	if len(out.sent) != 1 {
		t.Fatalf("a state and its text gave %d messages, want one", len(out.sent))
	}
	m := decodeOut(t, out.sent[0])
	if m.typ() != "text" || m.seq() != 8 || !slices.Equal(m.special(), []string{"state"}) {
		t.Errorf("folded message %v: want a text at seq 8 with special [state]", m)
	}
	if m.str("location") != "North Room" || m.str("exits") != "south" || m.str("text") == "" {
		t.Errorf("folded message %v does not carry the new state and the text", m)
	}
	if out.sent[0].seq != 8 || !out.sent[0].hasSeq {
		t.Errorf("folded message's stream position is %d, want the text's, 8 (the EventSource id)", out.sent[0].seq)
	}

	// A plain connection gets the two messages it always had, the second
	// with the same fields as the folded one but for special.
	c, events = foldClient(t, false, text)
	plain := &recorder{}
	c.writeEvent(plain, state, events)
	c.writeEvent(plain, <-events, events)
	if len(plain.sent) != 2 {
		t.Fatalf("an unfolded state and text gave %d messages, want two", len(plain.sent))
	}
	first, second := decodeOut(t, plain.sent[0]), decodeOut(t, plain.sent[1])
	if first.str("text") != "" || first.seq() != 7 || len(first.special()) != 0 || first.str("location") != "North Room" {
		t.Errorf("unfolded state message %v: want text \"\", no special, seq 7, the new location", first)
	}
	delete(second, "special")
	delete(m, "special")
	if !equalMsgs(second, m) {
		t.Errorf("unfolded text %v differs from the folded one %v beyond special", second, m)
	}
}

func TestStateFoldsOnlyIntoAQueuedText(t *testing.T) {
	state := tiotest.State(moved)
	state.Seq = 3
	menu := tio.Event{Kind: tio.KindChoices, Choices: echoMenu, Seq: 4}

	// Nothing queued behind the state: it goes alone, as a plain client
	// would get it, and a client that folds still understands it.
	c, events := foldClient(t, true)
	out := &recorder{}
	c.writeEvent(out, state, events)
	if len(out.sent) != 1 {
		t.Fatalf("%d messages, want the state alone", len(out.sent))
	}
	if m := decodeOut(t, out.sent[0]); m.str("text") != "" || len(m.special()) != 0 || m.seq() != 3 {
		t.Errorf("lone state %v: want the unfolded state message", m)
	}

	// A menu behind it is not text: the state goes alone and the menu
	// follows, nothing lost or reordered.
	c, events = foldClient(t, true, menu)
	out = &recorder{}
	c.writeEvent(out, state, events)
	if c.pending == nil || c.pending.Seq != 4 {
		t.Fatalf("the menu read ahead was not kept for the writer's next turn: %v", c.pending)
	}
	c.writePending(out, events)
	if len(out.sent) != 2 || out.sent[0].typ != "text" || out.sent[1].typ != "choices" {
		t.Fatalf("got %d messages, want the state then the menu", len(out.sent))
	}

	// A clear in the text folds with it.
	clearText := tiotest.Text("<clear>A new start.")
	clearText.Seq = 4
	c, events = foldClient(t, true, clearText)
	out = &recorder{}
	c.writeEvent(out, state, events)
	if m := decodeOut(t, out.sent[0]); !slices.Equal(m.special(), []string{"clear", "state"}) {
		t.Errorf("folded text with a clear has special %v, want [clear state]", m.special())
	}
}

func decodeMsg(t testing.TB, b []byte) msg {
	t.Helper()
	var m msg
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%q is not one JSON object: %v", b, err)
	}
	return m
}

func equalMsgs(a, b msg) bool { return reflect.DeepEqual(a, b) }

// TestFoldOverBothTransports plays a move in the demo with three tabs of
// one game open: a plain WebSocket, a WebSocket and an EventSource that
// ask for folded state. The plain tab reads the two messages it always
// had; the folding tabs end at the same text message, with the same
// fields, and whatever they read for the state before it is either that
// message's special "state" or the plain state message.
func TestFoldOverBothTransports(t *testing.T) {
	g := newDemoGame(t)
	g.send(t, "look") // played: fresh tabs get the current screen
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := serveWith(t, newQuietServer(t, g, Config{WebSocket: true}), nil, ln)
	plain := ts.dial(t, "", nil)
	plain.hello()
	folded := ts.dial(t, foldParam+"=1", nil)
	folded.hello()
	sse := ts.sse(t, foldParam+"=1", nil)
	sse.hello()

	plain.send(map[string]any{"cmd": talkRoute[0]})
	state := plain.expect("text")
	if state.str("text") != "" || state.str("location") == "" {
		t.Fatalf("plain tab: %v, want the state message first", state)
	}
	text := plain.expect("text")
	if text.str("text") == "" || text.seq() != state.seq()+1 {
		t.Fatalf("plain tab: %v, want the move's text right after the state", text)
	}

	check := func(name string, got []msg, ids []string) {
		t.Helper()
		last := got[len(got)-1]
		if !slices.Contains(last.special(), specialState) && len(got) == 1 {
			t.Errorf("%s: one message %v without special state", name, last)
		}
		if len(got) == 2 && !equalMsgs(got[0], state) {
			t.Errorf("%s: unfolded state %v, want %v", name, got[0], state)
		}
		if ids != nil && ids[len(ids)-1] != strconv.FormatUint(text.seq(), 10) {
			t.Errorf("%s: the text's event id is %s, want its seq %d", name, ids[len(ids)-1], text.seq())
		}
		delete(last, "special")
		want := maps.Clone(text)
		delete(want, "special")
		if !equalMsgs(last, want) {
			t.Errorf("%s: folded text %v, want the plain tab's %v but for special", name, last, want)
		}
	}
	var got []msg
	for len(got) == 0 || got[len(got)-1].seq() < text.seq() {
		got = append(got, folded.expect("text"))
	}
	check("websocket", got, nil)
	got = nil
	var ids []string
	for len(got) == 0 || got[len(got)-1].seq() < text.seq() {
		ev, m := sse.expect("text")
		got, ids = append(got, m), append(ids, ev.id)
	}
	check("eventsource", got, ids)
}
