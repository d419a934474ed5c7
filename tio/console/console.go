// Package console is the plain line front end: text out, lines in. It is
// what pipes, scripts, screen readers, TERM=dumb and --plain get, so it
// prints nothing a line printer could not: no cursor movement, no status
// line, and colour only when asked.
//
// Run reads a line only after the reply to the previous one has been
// printed, so a walkthrough piped in comes out as a transcript in which
// every command is followed by its own reply:
//
//	> look
//	You are in the hall.
//
//	> _
//
// To know when a reply is complete, Run asks the session where it ends
// after each command (tio.ReplyEnd).
package console

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/tale-if/tale/tio"
)

// Options shape the console.
type Options struct {
	Width     int    // wrap width; 0 = detect (terminal width of out if it is a terminal, else 80)
	Color     bool   // ANSI styles; main decides (out is a terminal, NO_COLOR unset, TERM != dumb)
	EchoInput bool   // echo each input line after the prompt, so a piped transcript shows the commands
	Prompt    string // default "> "
	// LineEditing reads lines with arrow keys and a history (Up, Down),
	// and Ctrl+C or Ctrl+D on an empty line as "quit" (the story asks
	// first). For a person at a terminal: main sets it when stdin and
	// stdout are one; in is then put in raw mode while a line is read.
	LineEditing bool
}

// Run plays sess on in and out until the player quits, the session
// closes or in ends; those all return nil. An ending is no reason to
// stop: the player may still undo, restart or restore. Any other error of the session, of ctx, or of writing out is
// returned.
//
// A read of in that is under way when Run returns is left to finish on its
// own: nothing can interrupt a blocked read of an arbitrary io.Reader.
func Run(ctx context.Context, sess tio.Session, in io.Reader, out io.Writer, opts Options) (err error) {
	if opts.Prompt == "" {
		opts.Prompt = "> "
	}
	c := newConsole(ctx, sess, out, opts)
	var lines interface {
		read(secret bool) (string, bool, error)
	} = newLineReader(in)
	if opts.LineEditing {
		ed := newEditor(in, out, opts.Prompt)
		c.out.w = ed.t // output goes above the line being typed
		c.editing = true
		lines = editorLines{ed}
	}
	sub, err := sess.Subscribe(ctx, 0)
	if err != nil {
		return closedIsNil(err)
	}
	c.sub = sub
	defer func() {
		c.sub.Cancel()
		if c.prompted && !c.editing {
			c.print("\n") // leave the terminal on a fresh line
		}
		c.flush()
		if err == nil {
			err = c.out.err // the last of the output failed to go out
		}
		if c.prompted && c.editing {
			io.WriteString(c.screen, "\n") // past the editor, whose Write would draw its prompt again
		}
	}()

	want := make(chan bool)
	got := make(chan lineResult, 1)
	defer close(want)
	go func() {
		for secret := range want {
			line, hidden, err := lines.read(secret)
			got <- lineResult{line, hidden, err}
		}
	}()

	target := sess.LastSeq()
	for {
		if over, err := c.waitFor(target); over || err != nil {
			return err
		}
		c.prompt()
		secret := c.secret
		c.secret = false
		var res lineResult
		if lr, ok := lines.(*lineReader); ok && lr.ready() {
			// A line piped or typed ahead is in the buffer already:
			// reading it here spares two goroutine hand-offs a
			// command, and nothing can arrive in between to show
			// first that waiting would not race it with anyway.
			res.line, res.hidden, res.err = lr.read(secret)
			c.prompted = false
		} else {
			// Before the reader starts, not only once awaitLine waits:
			// the editor draws its own prompt, which must come after
			// the reply, and a read may block.
			c.flush()
			want <- secret
			var over bool
			if res, over, err = c.awaitLine(got); over || err != nil {
				return err
			}
		}
		if errors.Is(res.err, errQuitKey) {
			res = lineResult{line: "quit"}
		}
		if res.err != nil {
			c.print("\n")
			if errors.Is(res.err, io.EOF) {
				return c.out.err
			}
			return res.err
		}
		c.echo(res.line, secret, res.hidden)
		if target, err = c.send(c.input(res.line)); err != nil {
			return err
		}
	}
}

type lineResult struct {
	line   string
	hidden bool // the terminal did not echo it, not even its Enter
	err    error
}

// awaitLine waits for the line asked for, showing whatever the story
// says meanwhile (a timer, an NPC) above a fresh prompt.
func (c *console) awaitLine(got <-chan lineResult) (lineResult, bool, error) {
	for {
		c.flush()
		select {
		case res := <-got:
			c.prompted = false
			return res, false, nil
		case ev, ok := <-c.sub.Events:
			over, err := c.receive(ev, ok)
			if over || err != nil {
				return lineResult{}, over, err
			}
			if !c.prompted {
				c.prompt()
			}
		case <-c.ctx.Done():
			return lineResult{}, false, c.ctx.Err()
		}
	}
}

// waitFor shows events until the one numbered target has been shown. It
// reports over when the story ended or the session closed.
func (c *console) waitFor(target uint64) (over bool, err error) {
	for c.seen < target {
		var ev tio.Event
		var ok bool
		select {
		case ev, ok = <-c.sub.Events:
		case <-c.ctx.Done():
			return false, c.ctx.Err()
		default:
			// The rest of the reply is still to come (a narration,
			// a session that publishes after its barrier): show what
			// there is while it does.
			c.flush()
			select {
			case ev, ok = <-c.sub.Events:
			case <-c.ctx.Done():
				return false, c.ctx.Err()
			}
		}
		if over, err := c.receive(ev, ok); over || err != nil {
			return over, err
		}
	}
	return false, c.out.err
}

// drain shows what is left once the session has closed.
func (c *console) drain() error {
	_, err := c.waitFor(^uint64(0))
	return err
}

// receive handles one read from the event stream; ok false means the
// stream was closed.
func (c *console) receive(ev tio.Event, ok bool) (over bool, err error) {
	if ok {
		return c.show(ev), c.out.err
	}
	if !c.sub.Evicted() {
		return true, c.out.err // the session ended, or Run is cancelling
	}
	// Too slow for once (a blocked terminal): pick up after the last
	// event shown, so nothing is lost or shown twice.
	sub, err := c.sess.Subscribe(c.ctx, int64(c.seen))
	if err != nil {
		if errors.Is(err, tio.ErrSessionClosed) {
			return true, c.out.err
		}
		return false, err
	}
	c.sub = sub
	return false, nil
}

// sendSyncer is a session that sends an input and waits for its reply in
// one hand-off to its loop (the driver's); any other gets Send and then
// tio.ReplyEnd.
type sendSyncer interface {
	SendSync(ctx context.Context, in tio.Input) (uint64, error)
}

// send sends in and waits until the session has handled it, and returns
// the number of the last event it produced: ^uint64(0) once the session
// has closed (show everything until the stream closes).
func (c *console) send(in tio.Input) (uint64, error) {
	if ss, ok := c.sess.(sendSyncer); ok {
		end, err := ss.SendSync(c.ctx, in)
		if errors.Is(err, tio.ErrSessionClosed) {
			return ^uint64(0), nil
		}
		return end, err
	}
	// Any other session may take a while to answer (tale connect's is
	// a network away): show what there is, the echoed line too, first.
	c.flush()
	if err := c.sess.Send(c.ctx, in); err != nil {
		if errors.Is(err, tio.ErrSessionClosed) {
			return ^uint64(0), nil
		}
		return 0, err
	}
	end, err := tio.ReplyEnd(c.ctx, c.sess)
	if errors.Is(err, tio.ErrSessionClosed) {
		return end, nil // show everything until the stream closes
	}
	return end, err
}

// input makes a line into a menu pick when a menu is open and the line
// is one of its numbers; anything else is a command, which also closes
// the menu.
func (c *console) input(line string) tio.Input {
	menu := c.menu
	c.menu = nil
	if menu != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(line)); err == nil && n >= 1 && n <= len(menu.Options) {
			return tio.Pick(menu.Options[n-1].ID)
		}
	}
	return tio.Line(line)
}

func closedIsNil(err error) error {
	if errors.Is(err, tio.ErrSessionClosed) {
		return nil
	}
	return err
}
