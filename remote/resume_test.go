package remote_test

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// cutter is a TCP proxy in front of the server whose connections the
// test can cut at any moment, as a network failure would.
type cutter struct {
	ln    net.Listener
	to    string
	mu    sync.Mutex
	conns []net.Conn
	cuts  int
}

func newCutter(t *testing.T, to string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{ln: ln, to: to}
	go c.accept()
	t.Cleanup(func() { ln.Close(); c.cut() })
	return c
}

func (c *cutter) accept() {
	for {
		in, err := c.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", c.to)
		if err != nil {
			in.Close()
			continue
		}
		c.mu.Lock()
		c.conns = append(c.conns, in, out)
		c.mu.Unlock()
		go func() { io.Copy(out, in); out.Close() }()
		go func() { io.Copy(in, out); in.Close() }()
	}
}

// cut drops every connection open now, both sides, without a close frame.
func (c *cutter) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, conn := range c.conns {
		conn.Close()
	}
	c.conns = nil
	c.cuts++
}

// A connection cut mid-play is resumed: the stream carries on with every
// event of the game once, in order — none lost, none twice.
func TestResumeAfterCutLosesNothing(t *testing.T) {
	srv := serve(t, "demo", fast)
	proxy := newCutter(t, srv.ts.Listener.Addr().String())
	r := dial(t, "ws://"+proxy.ln.Addr().String()+"/tale/ws", fastClient)
	sub, err := r.Subscribe(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	direct, err := srv.game.Session().Subscribe(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Cancel()

	cmds := []string{"look", "north", "look", "south", "inventory", "north", "examine door", "south", "score", "look"}
	var got []tio.Event
	for i, cmd := range cmds {
		if err := r.Send(t.Context(), tio.Line(cmd)); err != nil {
			t.Fatal(err)
		}
		if i%3 == 1 {
			proxy.cut() // the reply is on its way, or not yet asked for
		}
		end, err := tio.ReplyEnd(t.Context(), r)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || end > got[len(got)-1].Seq { // a command lost on the wire has no reply
			got = append(got, readUntil(t, sub, end)...)
		}
	}
	want := readUntil(t, direct, srv.game.Session().LastSeq())
	if proxy.cuts < 3 || len(want) < 2+len(cmds)-proxy.cuts {
		t.Fatalf("%d cuts, %d events: the test did not play through its cuts", proxy.cuts, len(want))
	}
	// The game's stream and the client's, event by event. A command that
	// was on the wire when its connection was cut may never have reached
	// the game; then it is missing from both.
	if len(got) != len(want) {
		t.Fatalf("the client has %d events, the game made %d:\n got %s\nwant %s", len(got), len(want), kinds(got), kinds(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Seq != uint64(i+1) || g.Kind != w.Kind || g.Snapshot {
			t.Fatalf("event %d: got %v seq %d (snapshot %v), want %v:\n got %s\nwant %s", i, g.Kind, g.Seq, g.Snapshot, w.Kind, kinds(got), kinds(want))
		}
		if g.Kind == tio.KindText && markup.Plain(g.Text, 80) != markup.Plain(w.Text, 80) {
			t.Fatalf("event %d: text %q, want %q", i, markup.Plain(g.Text, 80), markup.Plain(w.Text, 80))
		}
		if g.Kind == tio.KindState && (g.State.Location != w.State.Location || g.State.Turns != w.State.Turns) {
			t.Fatalf("event %d: state %+v, want %+v", i, g.State, w.State)
		}
	}
}

func kinds(evs []tio.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Kind.String()
	}
	return out
}
