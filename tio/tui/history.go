package tui

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/tale-if/tale/internal/atomicfile"
)

// maxHistory bounds the history kept per story: enough to recall a long
// evening's commands, small enough to load and rewrite in a blink.
const maxHistory = 500

// history is the list of commands the player sent, oldest first, and a
// cursor for browsing it. The position just past the newest entry is the
// blank line being typed; the text typed there (the draft) is kept while
// the player browses, so going back down returns it untouched.
//
// On disk each command is appended as it is sent, so a terminal closed
// under the game (no quit, no deferred save) loses nothing; the file is
// rewritten atomically, cut to maxHistory, only when it has grown to
// twice that, and at exit.
type history struct {
	entries   []string
	pos       int // len(entries) means the draft line
	draft     string
	path      string // "" when history is not kept on disk
	fileLines int    // lines in the file, to know when to compact it
}

// historyPath is where a story's history lives, or "" for none.
func historyPath(dataDir, storyID string) string {
	if dataDir == "" {
		return ""
	}
	id := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == os.PathSeparator || r < ' ' {
			return '_'
		}
		return r
	}, storyID)
	if id == "" || id == "." || id == ".." {
		id = "default"
	}
	return filepath.Join(dataDir, "history", id+".txt")
}

// loadHistory reads the history file if there is one. A missing or
// unreadable file is an empty history: losing recall is no reason to stop
// a game.
func loadHistory(path string) *history {
	h := &history{path: path}
	if path != "" {
		if b, err := os.ReadFile(path); err == nil {
			sc := bufio.NewScanner(bytes.NewReader(b))
			for sc.Scan() {
				h.fileLines++
				if line := sc.Text(); strings.TrimSpace(line) != "" {
					h.entries = append(h.entries, line)
				}
			}
		}
	}
	h.trim()
	h.pos = len(h.entries)
	return h
}

func (h *history) trim() {
	if n := len(h.entries) - maxHistory; n > 0 {
		h.entries = append([]string(nil), h.entries[n:]...)
	}
}

// add records a sent command and returns the cursor to the blank line.
// A repeat of the newest entry is not stored twice.
func (h *history) add(line string) {
	if strings.TrimSpace(line) != "" && (len(h.entries) == 0 || h.entries[len(h.entries)-1] != line) {
		h.entries = append(h.entries, line)
		h.trim()
		h.appendFile(line)
	}
	h.reset()
}

// appendFile writes one line: a small append, cheap enough for the event
// loop. Errors are dropped like a failed load.
func (h *history) appendFile(line string) {
	if h.path == "" {
		return
	}
	if h.fileLines >= 2*maxHistory {
		_ = h.save()
		return
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o755); err != nil {
		return
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err == nil {
		h.fileLines++
	}
}

// reset forgets the browsing position and the draft.
func (h *history) reset() {
	h.pos = len(h.entries)
	h.draft = ""
}

// prev steps back from current (what the input line holds now) and
// returns the line to show, or ok false at the oldest entry.
func (h *history) prev(current string) (string, bool) {
	if h.pos == 0 {
		return "", false
	}
	if h.pos == len(h.entries) {
		h.draft = current
	}
	h.pos--
	return h.entries[h.pos], true
}

// next steps forward; past the newest entry it gives back the draft.
func (h *history) next() (string, bool) {
	if h.pos >= len(h.entries) {
		return "", false
	}
	h.pos++
	if h.pos == len(h.entries) {
		return h.draft, true
	}
	return h.entries[h.pos], true
}

// compact rewrites the file as the bounded history when it holds more.
func (h *history) compact() error {
	if h.path == "" || h.fileLines <= maxHistory {
		return nil
	}
	return h.save()
}

// save writes the history atomically (atomicfile).
func (h *history) save() error {
	var b strings.Builder
	for _, e := range h.entries {
		b.WriteString(e)
		b.WriteByte('\n')
	}
	if err := atomicfile.Write(h.path, []byte(b.String()), 0o644); err != nil {
		return err
	}
	h.fileLines = len(h.entries)
	return nil
}
