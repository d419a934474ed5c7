package console

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/tale-if/tale/tio"
)

// readBuffer is bufio's window onto the input. Lines longer than this are
// still read whole (and cut at tio.MaxLineBytes); it only needs to hold a
// typical line.
const readBuffer = 8 << 10

// lineReader reads one line at a time, and only when asked, so that the
// terminal's echo can be switched off for exactly the secret line.
type lineReader struct {
	br  *bufio.Reader
	fd  int
	tty bool
}

func newLineReader(in io.Reader) *lineReader {
	r := &lineReader{br: bufio.NewReaderSize(in, readBuffer)}
	if f, ok := in.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		r.fd, r.tty = int(f.Fd()), true
	}
	return r
}

// ready reports a whole line in the buffer, so read will not block. The
// reader goroutine is idle whenever Run asks (it reads only when sent a
// request, and Run waits for its answer), so the buffer is Run's to look at.
func (r *lineReader) ready() bool {
	buf, _ := r.br.Peek(r.br.Buffered())
	return bytes.IndexByte(buf, '\n') >= 0
}

// read returns the next line without its line ending, cut to
// tio.MaxLineBytes and made valid UTF-8. A last line without a newline
// still counts; after it read returns io.EOF. hidden says the terminal
// showed nothing of the line, not even the line break.
func (r *lineReader) read(secret bool) (line string, hidden bool, err error) {
	if secret && r.tty && r.br.Buffered() == 0 {
		// Nothing typed ahead: let the terminal read the line without
		// showing it. (A line typed ahead was shown already; hiding the
		// next one would not help.)
		b, err := term.ReadPassword(r.fd)
		if err != nil {
			return "", false, err
		}
		return clean(b), true, nil
	}
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		// One byte past the limit lets clean see whether the cut falls
		// inside a rune.
		if room := tio.MaxLineBytes + 1 - len(buf); room > 0 {
			buf = append(buf, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue // the rest of a long line; all but the kept part is dropped
		case err == nil:
		case errors.Is(err, io.EOF) && len(buf) > 0:
		default:
			return "", false, err
		}
		return clean(buf), false, nil
	}
}

// clean turns raw input into a line the driver can take: no "\r" from
// "\r\n", valid UTF-8, and at most tio.MaxLineBytes, cut between runes.
func clean(b []byte) string {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	if len(s) <= tio.MaxLineBytes {
		return s
	}
	cut := tio.MaxLineBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
