package console

import "io"

// outBuffer holds what the console prints between two waits. A piped run
// goes out in writes this size rather than a few per command (text,
// prompt, echo): 64 KiB is Linux's default pipe capacity, so one write
// fills what a reader at the other end can take at once.
const outBuffer = 64 << 10

// flush writes out what is buffered. The console calls it whenever it is
// about to wait (for a line the input has not buffered yet, for an event
// the session has not sent yet) and when Run returns, so a person reads
// every reply and prompt exactly when they would unbuffered: output is
// only held back while the console has more to do without waiting.
func (c *console) flush() {
	c.w.Flush() // an error is kept in c.out
}

// errWriter keeps the first write error, so the loop can check once per
// step instead of after every line; nothing is written after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
