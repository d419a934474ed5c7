package driver

import "github.com/tale-if/tale/tio"

// ring is the bounded replay buffer of a session: the newest events, by
// sequence number, for readers that resume.
type ring struct {
	buf   []tio.Event
	start int    // index of the oldest event in buf
	n     int    // events held
	last  uint64 // seq of the newest event ever added
}

func newRing(size int) ring { return ring{buf: make([]tio.Event, size)} }

func (r *ring) add(ev tio.Event) {
	r.last = ev.Seq
	if r.n < len(r.buf) {
		r.buf[(r.start+r.n)%len(r.buf)] = ev
		r.n++
		return
	}
	r.buf[r.start] = ev
	r.start = (r.start + 1) % len(r.buf)
}

// after returns the events with Seq > since; ok is false when some of them
// are no longer held.
func (r *ring) after(since uint64) (evs []tio.Event, ok bool) {
	if since >= r.last {
		return nil, since == r.last
	}
	oldest := r.last - uint64(r.n) + 1
	if r.n == 0 || since+1 < oldest {
		return nil, false
	}
	for i := since + 1 - oldest; i < uint64(r.n); i++ {
		evs = append(evs, r.buf[(r.start+int(i))%len(r.buf)])
	}
	return evs, true
}
