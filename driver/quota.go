package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Disk quotas, the defaults for Options fields left zero. A negative
// Options value means no limit: for a player's own machine, where the disk
// and the files are theirs. A served game (the web) should keep them.
const (
	// DefaultMaxSaves is more named saves than a player keeps track of, and
	// few enough that the refusal can list them all.
	DefaultMaxSaves = 20
	// DefaultMaxSaveBytes bounds the save folder: a bundled story's save is
	// 2–10 KB, so 20 of them take a few hundred KB, and a story a hundred
	// times bigger still fits.
	DefaultMaxSaveBytes = 4 << 20
	// DefaultMaxTranscriptBytes bounds one transcript: the dungeon's
	// 191-command walkthrough writes 26 KB, so 1 MiB holds some 7,000
	// commands, more than any evening's play.
	DefaultMaxTranscriptBytes = 1 << 20
	// DefaultMaxTranscripts keeps one transcript per session for a long
	// while; with the size cap, a story's transcripts take at most 50 MiB.
	DefaultMaxTranscripts = 50
)

// quota is an Options limit resolved: the default for 0, -1 for none.
func quota[T int | int64](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return -1
	}
	return v
}

// within says whether n fits under limit, where a negative limit is none.
func within[T int | int64](n, limit T) bool { return limit < 0 || n <= limit }

// savedGame is one save in the story's save folder.
type savedGame struct {
	name string
	size int64
}

// savesIn lists the saves in dir, by name. Only files a save could have
// written count: the quota is about the player's saves, and a temporary
// file lives only while one is written.
func savesIn(dir string) ([]savedGame, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var saves []savedGame
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !e.Type().IsRegular() || !validSaveName(name) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile: no longer takes room
		}
		saves = append(saves, savedGame{name, info.Size()})
	}
	return saves, nil
}

// roomToSave checks that writing size bytes to path keeps the save folder
// within its quotas. The folder is shared by every game of the story in the
// data dir, so the quota counts what is there, not what this game wrote.
// Saving over an existing save is not a new save, and its old bytes go.
func (tn *turn) roomToSave(path string, size int64) error {
	saves, err := savesIn(filepath.Dir(path))
	if err != nil {
		return err
	}
	count, total := len(saves), int64(0)
	for _, s := range saves {
		total += s.size
	}
	// Stat rather than a name match: on a case-insensitive disk "Key"
	// overwrites "key.json", and the quota must agree with the disk.
	if old, err := os.Stat(path); err == nil {
		count--
		total -= old.Size()
	} else if !within(count+1, tn.opts.MaxSaves) {
		return ErrTooManySaves
	}
	switch {
	case !within(size, tn.opts.MaxSaveBytes):
		return ErrSaveTooBig
	case !within(total+size, tn.opts.MaxSaveBytes):
		return ErrSavesFull
	}
	return nil
}

// transcriptsIn counts the story's transcripts in dir: <id>-<n>.txt.
func transcriptsIn(dir, id string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), id+"-")
		if num, isTxt := strings.CutSuffix(rest, ".txt"); ok && isTxt && num != "" &&
			strings.Trim(num, "0123456789") == "" && e.Type().IsRegular() {
			n++
		}
	}
	return n, nil
}

// sizeText is a byte count as a player reads it: "4 MiB", "512 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
