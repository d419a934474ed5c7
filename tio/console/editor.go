package console

import (
	"errors"
	"io"

	"golang.org/x/term"
)

// editor reads lines with x/term's Terminal when a person types at a
// terminal: the arrow keys move in the line, Up and Down walk the
// history, and output that arrives while a line is being typed is
// written above it, the line redrawn below. The terminal is raw only
// while a line is read, so everything else prints as it always does.
type editor struct {
	t      *term.Terminal
	in     *eofReader
	fd     int  // in's descriptor, when in is a terminal
	raw    bool // fd is a terminal to put in raw mode for each line
	prompt string
}

// errQuitKey is Ctrl+C, or Ctrl+D on an empty line: the player asks to
// leave, which the console turns into "quit", so the story asks first.
var errQuitKey = errors.New("quit key")

func newEditor(in io.Reader, out io.Writer, prompt string) *editor {
	e := &editor{in: &eofReader{r: in}, prompt: prompt}
	if f, ok := in.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		e.fd, e.raw = int(f.Fd()), true
	}
	e.t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{e.in, out}, prompt)
	return e
}

// read reads a line as the Terminal edits it; secret reads it unseen.
func (e *editor) read(secret bool) (line string, err error) {
	if e.raw {
		old, err := term.MakeRaw(e.fd)
		if err != nil {
			return "", err
		}
		defer term.Restore(e.fd, old)
		if w, h, err := term.GetSize(e.fd); err == nil {
			e.t.SetSize(w, h) // the window may have changed since the last line
		}
	}
	if secret {
		line, err = e.t.ReadPassword(e.prompt)
	} else {
		line, err = e.t.ReadLine()
	}
	if errors.Is(err, term.ErrPasteIndicator) {
		err = nil // a pasted line is a line like any other
	}
	if errors.Is(err, io.EOF) && !e.in.eof {
		// The Terminal's own EOF: a key, not the end of the input.
		err = errQuitKey
	}
	return clean([]byte(line)), err
}

// eofReader remembers whether its reader ended, which tells the end of
// the input from the keys the Terminal also reports as io.EOF.
type eofReader struct {
	r   io.Reader
	eof bool
}

func (r *eofReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if errors.Is(err, io.EOF) {
		r.eof = true
	}
	return n, err
}

// editorLines is the editor as Run reads lines: the Terminal shows the
// line and its Enter itself.
type editorLines struct{ *editor }

func (e editorLines) read(secret bool) (string, bool, error) {
	line, err := e.editor.read(secret)
	return line, false, err
}
