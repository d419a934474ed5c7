package stream

import "github.com/tale-if/tale/tio"

// Recent returns up to n of the newest events held, oldest first: what a
// snapshot of a rebuilt game keeps so that a reader resuming from just
// before the snapshot still gets every event, not a resync.
func (s *Stream) Recent(n int) []tio.Event {
	last := s.last.Load()
	n = min(n, s.n)
	if n <= 0 {
		return nil
	}
	evs, _ := s.After(last - uint64(n))
	return evs
}

// Restore makes a new stream continue a stream that existed before (a game
// rebuilt after a crash): the next event is numbered last+1, and evs —
// the newest events of the old stream, numbered, ending at last — are
// held for readers resuming from among them. It is for a stream nothing
// has been published to yet; on any other it does nothing.
func (s *Stream) Restore(last uint64, evs []tio.Event) {
	if s.last.Load() != 0 || s.n != 0 {
		return
	}
	// Only a run that ends at last and counts up by one can be replayed
	// from: anything else would hand a reader a gap or a double.
	for i, ev := range evs {
		if ev.Seq != last-uint64(len(evs)-1-i) {
			evs = nil
			break
		}
	}
	if len(evs) > s.opts.Ring {
		evs = evs[len(evs)-s.opts.Ring:]
	}
	for _, ev := range evs {
		s.keep(ev)
	}
	s.last.Store(last)
}
