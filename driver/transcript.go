package driver

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// transcript writes what the player saw and typed, as plain text, up to
// Options.MaxTranscriptBytes; there it writes the cut line and stops.
type transcript struct {
	path  string
	f     *os.File
	w     *bufio.Writer
	limit int64  // the file's cap, or -1
	left  int64  // bytes it may still write before the cut line
	cut   bool   // the cap was reached: nothing more is written
	gap   bool   // something was written that the next block stands apart from
	last  string // the text just written, in plain words, or ""
}

// startTranscript opens DataDir/transcripts/<story>-<n>.txt with the first
// n not yet used, so a transcript never overwrites an older one, as long
// as the folder holds fewer than Options.MaxTranscripts of the story's.
func (tn *turn) startTranscript() (*transcript, error) {
	dir := filepath.Join(tn.opts.DataDir, "transcripts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	id := tn.story.ID
	if id == "" {
		id = "story"
	}
	have, err := transcriptsIn(dir, id)
	if err != nil {
		return nil, err
	}
	if !within(have+1, tn.opts.MaxTranscripts) {
		return nil, ErrTooManyTranscripts
	}
	// have files can take at most have of the numbers 1…have+1.
	for n := 1; n <= have+1; n++ {
		path := filepath.Join(dir, fmt.Sprintf("%s-%d.txt", id, n))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		limit := tn.opts.MaxTranscriptBytes
		left := max(limit-int64(len(cutLine(limit))), 0)
		return &transcript{path: path, f: f, w: bufio.NewWriter(f), limit: limit, left: left}, nil
	}
	return nil, fmt.Errorf("no free transcript name in %s (another process is writing there)", dir)
}

// cutLine ends a transcript that reached its cap, so a reader knows the
// game went on without it.
func cutLine(limit int64) string {
	return fmt.Sprintf("[The transcript stops here: it reached %s, the most this game writes to one transcript.]\n", sizeText(limit))
}

// write adds s whole, or, when it would not fit, the cut line instead.
func (t *transcript) write(s string) {
	if t.cut {
		return
	}
	if t.limit >= 0 && int64(len(s)) > t.left {
		t.cut = true
		s = cutLine(t.limit)
	} else {
		t.left -= int64(len(s))
	}
	t.w.WriteString(s)
	t.w.Flush()
}

// block writes lines of the transcript, a blank line before them when
// something came before: one blank line between a reply and the next
// command, none between a command and its reply.
func (t *transcript) block(s string) {
	if t.gap {
		s = "\n" + s
	}
	t.write(s)
	t.gap = true
}

// command writes what the player typed, directly above its reply.
func (t *transcript) command(line string) {
	t.block("> " + line + "\n")
	t.gap, t.last = false, ""
}

// event writes what the player saw. A menu is written with its question
// unless the text just written asked it, and then right under it.
func (t *transcript) event(ev tio.Event) {
	switch ev.Kind {
	case tio.KindText:
		text := plainLine(ev.Text)
		t.block(text + "\n")
		t.last = text
	case tio.KindChoices:
		var b strings.Builder
		if q := plainLine(ev.Choices.Prompt); q != "" && strings.HasSuffix(t.last, q) {
			t.gap = false
		} else if q != "" {
			b.WriteString(q + "\n")
		}
		for i, c := range ev.Choices.Options {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, plainLine(c.Text))
		}
		t.block(b.String())
		t.last = ""
	case tio.KindEnd:
		t.block("*** " + plainLine(ev.Ending.Title) + " ***\n")
		t.last = ""
	}
}

// plainLine is markup as plain text without the line end Plain closes it with.
func plainLine(s string) string { return strings.TrimRight(markup.Plain(s, 0), "\n") }

func (t *transcript) close() {
	t.w.Flush()
	t.f.Close()
}

// toTranscript writes a unit of work's events to the transcript. One that
// reached its cap is closed here, and the player told so in a paragraph
// placed before the ending, whose score and question stay the last thing
// read (ending.go), or else before a closing menu, which stays last
// (output.go).
func (tn *turn) toTranscript(evs []tio.Event) []tio.Event {
	t := tn.script
	for _, ev := range evs {
		t.event(ev)
	}
	if !t.cut {
		return evs
	}
	t.close()
	tn.script = nil
	note := markup.TypesetEvent(tio.Event{Kind: tio.KindText, Text: fmt.Sprintf(
		"The transcript has stopped: it reached %s, the most this game writes to one. What it holds is in %s.",
		sizeText(t.limit), markup.Escape(tn.shownPath(t.path)))}, tn.typography())
	at := slices.IndexFunc(evs, func(ev tio.Event) bool { return ev.Kind == tio.KindEnd })
	if at < 0 {
		at = len(evs)
		for at > 0 && evs[at-1].Kind == tio.KindChoices {
			at--
		}
	}
	return slices.Insert(evs, at, note)
}
