package web

import (
	"strconv"
	"testing"
)

// At the session limit with every other seat connected, a new connection
// still gets a seat its token can resume: the seat just made is never the
// one forgotten.
func TestNewSeatSurvivesTheSessionLimit(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, MaxSessions: 2}, nil)
	a, b := ts.dial(t, "", nil), ts.dial(t, "", nil)
	a.hello()
	b.hello()
	c := ts.dial(t, "", nil)
	hello, _ := c.hello()
	c.conn.Close()
	eventually(t, "the third connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 2 })

	r := ts.dial(t, "session="+hello.str("session")+"&since="+strconv.FormatUint(hello.seq(), 10), nil)
	if m := r.expect("connected"); m.str("session") != hello.str("session") || m.seq() != hello.seq() {
		t.Errorf("resume of the newest seat: %v, want session %s at seq %d", m, hello.str("session"), hello.seq())
	}
}

// Over the limit, the longest unused seat without a connection goes.
func TestOldestIdleSeatIsForgottenAtTheLimit(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, MaxSessions: 2}, nil)
	old := ts.dial(t, "", nil)
	oldHello, _ := old.hello()
	old.conn.Close()
	eventually(t, "the first connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })
	a := ts.dial(t, "", nil)
	a.hello()
	b := ts.dial(t, "", nil) // a third seat: the idle first one goes
	b.hello()
	if s, known, _ := ts.srv.hub.seat(oldHello.str("session"), nil); s != nil || known {
		t.Errorf("the idle seat is still remembered at the limit")
	}
	if ws, _ := ts.srv.hub.counts(); ws != 2 {
		t.Errorf("%d connections, want both live ones kept", ws)
	}
}
