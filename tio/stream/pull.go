package stream

import "github.com/tale-if/tale/tio"

// pulling is a subscriber's state once its reader pulls
// (tio.Subscription.Pull): instead of a channel buffer of its own, which
// an idle reader held in full, it reads the ring from next on.
type pulling struct {
	pre    []tio.Event // what the channel held at Pull, read first
	next   uint64      // Seq of the next ring event for the reader
	bound  int         // the channel's capacity: more unread evicts the reader, as a full channel did
	ended  bool        // the stream has ended for the reader after endSeq
	endSeq uint64
}

// behind counts what the pulling reader has not read yet.
func (sb *subscriber) behind() int {
	return len(sb.pre) + int(sb.s.last.Load()+1-sb.next)
}

// fits reports whether a pulling reader may stay after a Publish.
func (sb *subscriber) fits() bool { return sb.behind() <= sb.bound }

// spill copies the ring's oldest event into the pre of each pulling
// reader that has yet to read it, when the next keep will overwrite it:
// a reader's bound may reach further back than the ring, as its channel
// did, and it is held to the same bound.
func (s *Stream) spill() {
	if len(s.ring) < s.opts.Ring || s.n == 0 {
		return
	}
	oldest := s.last.Load() - uint64(s.n) + 1
	for _, sb := range s.subs {
		if sb.ch == nil && sb.next == oldest {
			sb.pre = append(sb.pre, s.ring[s.start])
			sb.next++
		}
	}
}

// end ends a pulling reader's stream after upTo.
func (sb *subscriber) end(upTo uint64) {
	sb.ended, sb.endSeq = true, upTo
}

// Pull moves the reader from its channel to Next (tio.Puller). Called by
// the reader.
func (sb *subscriber) Pull() bool {
	s := sb.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if sb.ch == nil {
		return true
	}
	sb.bound = cap(sb.ch)
	sb.next = s.last.Load() + 1
	// The channel is closed only under mu, so this sees all it will hold.
	for drained := false; !drained; {
		select {
		case ev, ok := <-sb.ch:
			if !ok {
				sb.end(sb.next - 1) // closed before: nothing from the ring
				drained = true
				break
			}
			sb.pre = append(sb.pre, ev)
		default:
			drained = true
		}
	}
	sb.ch = nil
	return true
}

// Next takes the pulling reader's next event without waiting
// (tio.Puller).
func (sb *subscriber) Next() (ev tio.Event, ok, closed bool) {
	s := sb.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(sb.pre) > 0 {
		ev, sb.pre[0] = sb.pre[0], tio.Event{}
		if sb.pre = sb.pre[1:]; len(sb.pre) == 0 {
			sb.pre = nil
		}
		return ev, true, false
	}
	last := s.last.Load()
	switch {
	case sb.ended && sb.next > sb.endSeq:
		return tio.Event{}, false, true
	case sb.next > last:
		return tio.Event{}, false, false
	case sb.next+uint64(s.n) <= last:
		// The ring has moved past the reader: only once it has left the
		// readers, which spill keeps up with.
		return tio.Event{}, false, true
	}
	oldest := last - uint64(s.n) + 1
	ev = s.ring[(s.start+int(sb.next-oldest))%len(s.ring)]
	sb.next++
	return ev, true, false
}
