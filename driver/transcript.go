package driver

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// transcript writes what the player saw and typed, as plain text.
type transcript struct {
	path string
	f    *os.File
	w    *bufio.Writer
}

// startTranscript opens DataDir/transcripts/<story>-<n>.txt with the first
// n not yet used, so a transcript never overwrites an older one.
func (tn *turn) startTranscript() (*transcript, error) {
	dir := filepath.Join(tn.opts.DataDir, "transcripts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	id := tn.story.ID
	if id == "" {
		id = "story"
	}
	for n := 1; n < 10000; n++ {
		path := filepath.Join(dir, fmt.Sprintf("%s-%d.txt", id, n))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &transcript{path: path, f: f, w: bufio.NewWriter(f)}, nil
	}
	return nil, fmt.Errorf("too many transcripts in %s", dir)
}

func (t *transcript) typed(line string) {
	fmt.Fprintf(t.w, "> %s\n\n", line)
	t.w.Flush()
}

func (t *transcript) event(ev tio.Event) {
	switch ev.Kind {
	case tio.KindText:
		fmt.Fprintf(t.w, "%s\n\n", markup.Plain(ev.Text, 0))
	case tio.KindChoices:
		for i, c := range ev.Choices.Options {
			fmt.Fprintf(t.w, "  %d. %s\n", i+1, markup.Plain(c.Text, 0))
		}
		t.w.WriteString("\n")
	case tio.KindEnd:
		fmt.Fprintf(t.w, "*** %s ***\n\n", markup.Plain(ev.Ending.Title, 0))
	}
	t.w.Flush()
}

func (t *transcript) close() {
	t.w.Flush()
	t.f.Close()
}
