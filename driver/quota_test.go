package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func saveDir(h *harness) string { return filepath.Join(h.g.opts.DataDir, "saves", "test") }

func saveFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// dirBytes is what the files of dir take together.
func dirBytes(t *testing.T, dir string) (files int, total int64) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		files++
		total += info.Size()
	}
	return files, total
}

func TestSaveCountQuotaRefusesANewSaveAndKeepsTheGame(t *testing.T) {
	h := newHarness(t, testStory(), func(o *Options) { o.MaxSaves = 3 })
	for _, name := range []string{"alpha", "beta", "gamma"} {
		h.expect("save "+name, "Game saved.")
	}
	h.do("take lamp")
	turns, undo := h.g.st().Turns, len(h.g.you().undo)
	h.expect("save delta",
		"You have 3 saved games, the most this game keeps: alpha, beta and gamma.",
		"Save over one of them by its name (save NAME); nothing was saved this time.")
	if _, err := os.Stat(filepath.Join(saveDir(h), "delta.json")); !os.IsNotExist(err) {
		t.Errorf("the refused save was written: %v", err)
	}
	if h.g.st().Turns != turns || len(h.g.you().undo) != undo || h.where("lamp") != youHold {
		t.Errorf("the refusal changed the game: turns %d→%d, undo points %d→%d, lamp %q",
			turns, h.g.st().Turns, undo, len(h.g.you().undo), h.where("lamp"))
	}
	h.expect("east", "Kitchen") // the game goes on

	// Saving over one of them is allowed at the cap, and really replaces it.
	h.expect("save beta", "Game saved.")
	h.do("west")
	h.expect("restore beta", "Game restored.", "Kitchen")
	if got := saveFiles(t, saveDir(h)); len(got) != 3 {
		t.Errorf("files after saving over one: %v", got)
	}
}

// The save folder belongs to the story, not to one game: every game of it
// in the same data dir shares the quota.
func TestSaveQuotaCountsWhatIsInTheFolder(t *testing.T) {
	dir := t.TempDir()
	shared := func(o *Options) { o.DataDir = dir; o.MaxSaves = 2 }
	first, second := newHarness(t, testStory(), shared), newHarness(t, testStory(), shared)
	first.expect("save one", "Game saved.")
	second.expect("save two", "Game saved.")
	first.expect("save three", "You have 2 saved games, the most this game keeps: one and two.")
	// A stray file is not a save the player could name, and does not count.
	if err := os.WriteFile(filepath.Join(saveDir(first), "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	second.expect("save one", "Game saved.")
}

func TestSaveByteQuota(t *testing.T) {
	probe := newHarness(t, testStory())
	probe.do("save probe")
	info, err := os.Stat(filepath.Join(saveDir(probe), "probe.json"))
	if err != nil {
		t.Fatal(err)
	}
	one := info.Size() // every save of this game at the start is this size

	h := newHarness(t, testStory(), func(o *Options) { o.MaxSaveBytes = 2*one + one/2 })
	h.expect("save a", "Game saved.")
	h.expect("save b", "Game saved.")
	h.expect("save c", "Your saved games take up", "the most this game keeps, and this one would not fit.",
		"nothing was saved this time.")
	if _, err := os.Stat(filepath.Join(saveDir(h), "c.json")); !os.IsNotExist(err) {
		t.Errorf("the refused save was written: %v", err)
	}
	h.expect("save a", "Game saved.") // its old bytes go: it fits where it was
	if _, total := dirBytes(t, saveDir(h)); total > 2*one+one/2 {
		t.Errorf("the saves take %d bytes, over the quota of %d", total, 2*one+one/2)
	}

	tiny := newHarness(t, testStory(), func(o *Options) { o.MaxSaveBytes = one - 1 })
	tiny.expect("save", "This game is too big to save: this game keeps at most", "Nothing was saved.")
	if _, err := os.Stat(saveDir(tiny)); !os.IsNotExist(err) {
		t.Errorf("a save too big for the quota left something behind: %v", err)
	}
}

func TestNegativeQuotaMeansNoLimit(t *testing.T) {
	h := newHarness(t, testStory(), func(o *Options) { o.MaxSaves = -1; o.MaxSaveBytes = -1 })
	for i := range DefaultMaxSaves + 5 {
		h.expect("save s"+strings.Repeat("x", i), "Game saved.")
	}
}

// The bundled stories' saves are far below the per-save bound the byte
// quota implies, so the quota never refuses a first save of a real game.
func TestBundledSavesFitTheQuota(t *testing.T) {
	h := newHarness(t, dungeonStory(t))
	for _, line := range []string{"look", "map", "wait", "wait"} {
		h.do(line)
	}
	h.expect("save", "Game saved.")
	info, err := os.Stat(filepath.Join(h.g.opts.DataDir, "saves", h.g.story.ID, "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Size()*DefaultMaxSaves*10 > DefaultMaxSaveBytes {
		t.Errorf("a dungeon save takes %d bytes: %d of them leave less than tenfold room in %d",
			info.Size(), DefaultMaxSaves, DefaultMaxSaveBytes)
	}
}

func TestTranscriptStopsAtItsCap(t *testing.T) {
	const limit = 2048
	h := newHarness(t, testStory(), func(o *Options) { o.MaxTranscriptBytes = limit })
	h.expect("transcript on", "Writing a transcript to transcripts/test-1.txt in the data folder.")
	path := filepath.Join(h.g.opts.DataDir, "transcripts", "test-1.txt")
	var out string
	for i := 0; h.g.you().script != nil; i++ {
		if i == 100 {
			t.Fatal("the transcript never stopped")
		}
		out = h.do("say " + strings.Repeat("la", 50))
	}
	if !strings.Contains(out, "The transcript has stopped: it reached 2 KiB, the most this game writes to one. What it holds is in transcripts/test-1.txt in the data folder.") {
		t.Errorf("the player was not told:\n%s", out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > limit {
		t.Errorf("the transcript has %d bytes, over its cap of %d", len(data), limit)
	}
	want := "[The transcript stops here: it reached 2 KiB, the most this game writes to one transcript.]\n"
	if !strings.HasSuffix(string(data), want) || strings.Count(string(data), want) != 1 {
		t.Errorf("the transcript does not end with one cut line:\n%s", data)
	}
	h.expect("say more", "You say") // the game goes on
	h.expect("transcript off", "No transcript is being written.")
	if again, _ := os.ReadFile(path); len(again) != len(data) {
		t.Errorf("the transcript grew after it stopped: %d → %d bytes", len(data), len(again))
	}
}

// A transcript cut by a command that ends the story tells the player
// before the ending, whose question stays the last thing a player reads.
func TestTranscriptCutNoteComesBeforeTheEnding(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("transcript on")
	h.do("west")
	h.g.you().script.left = 10 // the next command fills it
	h.g.play(tio.Line("gate"))
	evs := h.events()
	end := slices.IndexFunc(evs, func(ev tio.Event) bool { return ev.Kind == tio.KindEnd })
	note := slices.IndexFunc(evs, func(ev tio.Event) bool { return strings.Contains(ev.Text, "The transcript has stopped") })
	if end < 0 || note < 0 || note > end {
		t.Fatalf("events %+v: want the note (at %d) before the ending (at %d)", evs, note, end)
	}
	if last := evs[len(evs)-1]; !strings.Contains(last.Text, "Would you like to") {
		t.Errorf("last event %+v, want the question", last)
	}
}

func TestTranscriptCountQuota(t *testing.T) {
	h := newHarness(t, testStory(), func(o *Options) { o.MaxTranscripts = 2 })
	for n := 1; n <= 2; n++ {
		h.expect("transcript on", "Writing a transcript")
		h.do("transcript off")
	}
	h.expect("transcript on",
		"This game keeps at most 2 transcripts of this story, and they have all been written (transcripts in the data folder). No new one was started.")
	if h.g.you().script != nil {
		t.Error("a transcript was started past the quota")
	}
	dir := filepath.Join(h.g.opts.DataDir, "transcripts")
	if got := saveFiles(t, dir); len(got) != 2 {
		t.Errorf("transcript files %v", got)
	}
	// A freed number is used again: the cap is on what the folder holds.
	if err := os.Remove(filepath.Join(dir, "test-1.txt")); err != nil {
		t.Fatal(err)
	}
	h.expect("transcript on", "Writing a transcript to transcripts/test-1.txt")
}

// The attacks of issue 9, item 5, at the default quotas: 447 saves a
// second under new names, and a transcript fed a MiB a second, both for
// longer than the quota lasts. The disk they take stops growing.
func TestFloodsCannotGrowTheDiskWithoutBound(t *testing.T) {
	h := newHarness(t, testStory())
	for i := range 447 {
		h.do(fmt.Sprintf("save flood%d", i))
	}
	files, total := dirBytes(t, saveDir(h))
	if files > DefaultMaxSaves || total > DefaultMaxSaveBytes {
		t.Errorf("after 447 saves the folder holds %d files, %d bytes; want at most %d and %d",
			files, total, DefaultMaxSaves, DefaultMaxSaveBytes)
	}

	// One transcript fed twice its cap, then more transcripts than the
	// folder keeps: together they bound the folder at count × size.
	tdir := filepath.Join(h.g.opts.DataDir, "transcripts")
	h.do("transcript on")
	line := "say " + strings.Repeat("spam ", 800) // 4 KB typed, 4 KB echoed
	for range 2 * DefaultMaxTranscriptBytes / 8000 {
		h.do(line)
	}
	if _, total := dirBytes(t, tdir); total > DefaultMaxTranscriptBytes {
		t.Errorf("a transcript fed %d bytes holds %d; want at most %d", 2*DefaultMaxTranscriptBytes, total, DefaultMaxTranscriptBytes)
	}
	for range DefaultMaxTranscripts + 10 {
		h.do("transcript on")
		h.do("transcript off")
	}
	if files, _ := dirBytes(t, tdir); files > DefaultMaxTranscripts {
		t.Errorf("the transcripts folder holds %d files; want at most %d", files, DefaultMaxTranscripts)
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 900: "900 bytes", 2048: "2 KiB",
		2000: "2.0 KiB", 4 << 20: "4 MiB", 3 << 19: "1.5 MiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
