package web

import (
	"context"
	"testing"
	"time"
)

// TestBeatWheelPingsEveryConnectionEachTurn: however connections join
// and leave, a whole turn of the wheel tells each connection still on it
// that a ping is due, and none that left.
func TestBeatWheelPingsEveryConnectionEachTurn(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no ticker: the test turns the wheel itself
	bw := newBeatWheel(ctx, time.Minute)
	var conns []*client
	for i := range 50 {
		c := &client{waker: &waker{beatSlot: -1}}
		c.waker.running.Store(true) // a writer "runs": wake starts none
		conns = append(conns, c)
		bw.join(c)
		if i%7 == 0 {
			bw.visit() // joins spread over the slots
		}
	}
	left := map[*client]bool{}
	for i, c := range conns {
		if i%3 == 0 {
			bw.leave(c)
			bw.leave(c) // twice is harmless
			left[c] = true
		}
	}
	for turn := range 2 {
		for range beatSlots {
			bw.visit()
		}
		for i, c := range conns {
			if due := c.waker.beatDue.Swap(false); due == left[c] {
				t.Errorf("turn %d, connection %d (left: %v): ping due %v", turn, i, left[c], due)
			}
		}
	}
}
