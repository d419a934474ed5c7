package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// reply is what one command brought back.
type reply struct {
	text   string // plain text of every KindText, paragraphs on their own lines
	before tio.State
	after  tio.State
	state  bool // a KindState arrived
}

// passed says whether game time passed: refusals never take a turn.
func (r reply) passed() bool { return r.after.Turns > r.before.Turns }

// movedTo says whether the player stands somewhere else now.
func (r reply) movedTo() bool {
	if r.after.Location != r.before.Location {
		return true
	}
	// Two neighbours with one name: the arrival prints the name on a line
	// of its own.
	if !r.passed() {
		return false
	}
	return slices.Contains(strings.Split(r.text, "\n"), r.after.Location)
}

// conn is the bot's seat: it sends lines and reads back everything each
// one caused, as a player would see it.
type conn struct {
	ctx     context.Context
	sess    tio.Session
	sub     *tio.Subscription
	seen    uint64 // Seq of the last event handled
	st      tio.State
	hasSt   bool
	ending  *tio.Ending
	log     func(string)
	sent    int
	budget  int
	onText  func(string)
	onState func(*tio.State)
	onReply func(reply) // after each command's whole reply
}

func (c *conn) subscribe(since int64) error {
	sub, err := c.sess.Subscribe(c.ctx, since)
	if err != nil {
		return err
	}
	c.sub = sub
	return nil
}

// sync waits until the whole reply to what was sent is read.
func (c *conn) sync(r *reply) error {
	last, err := tio.ReplyEnd(c.ctx, c.sess)
	if err != nil && c.ending == nil {
		return err
	}
	for c.seen < last {
		select {
		case <-c.ctx.Done():
			return c.ctx.Err()
		case ev, ok := <-c.sub.Events:
			if !ok {
				if c.sub.Evicted() {
					if err := c.subscribe(int64(c.seen)); err != nil {
						return err
					}
					continue
				}
				if c.ending != nil {
					return nil
				}
				return tio.ErrSessionClosed
			}
			c.handle(ev, r)
		}
	}
	return nil
}

func (c *conn) handle(ev tio.Event, r *reply) {
	// The bot's phrases and names are written with straight quotes; the
	// game shows its story's typography.
	ev = markup.TypesetEvent(ev, markup.Straight)
	switch {
	case ev.Snapshot:
		// A fresh look standing in for history no longer kept: it covers
		// everything up to its Seq.
		c.seen = max(c.seen, ev.Seq)
	case ev.Seq <= c.seen:
		return // a repeat after a resubscribe
	default:
		c.seen = ev.Seq
	}
	switch ev.Kind {
	case tio.KindText:
		t := markup.Plain(ev.Text, 0)
		if r != nil {
			r.text += t
		}
		c.log(t)
		if c.onText != nil {
			c.onText(t)
		}
	case tio.KindState:
		if ev.State != nil {
			c.st = *ev.State
			c.hasSt = true
			if r != nil {
				r.state = true
			}
			if c.onState != nil {
				c.onState(ev.State)
			}
		}
	case tio.KindEnd:
		if ev.Ending != nil {
			e := *ev.Ending
			c.ending = &e
			c.log(fmt.Sprintf("[the end: %s, won %v]\n", e.ID, e.Won))
		}
	}
}

// errBudget is returned by send when the command budget is spent.
var errBudget = fmt.Errorf("command budget spent")

// send types one line and returns what came back.
func (c *conn) send(line string) (reply, error) {
	r := reply{before: c.st}
	if c.sent >= c.budget {
		return r, errBudget
	}
	c.sent++
	c.log("> " + line + "\n")
	if err := c.sess.Send(c.ctx, tio.Line(line)); err != nil {
		return r, err
	}
	err := c.sync(&r)
	r.after = c.st
	if c.onReply != nil {
		c.onReply(r)
	}
	return r, err
}
