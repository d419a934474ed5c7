package stories_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/tale-if/tale/internal/goldenflag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	_ "github.com/tale-if/tale/story/dungeon" // registers the generator the dungeon story names
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/console"
)

var update = goldenflag.Update

// bundled lists the ids of the bundled stories: every folder of stories.FS
// with a story.yaml.
func bundled(t *testing.T) []string {
	t.Helper()
	entries, err := fs.ReadDir(stories.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(stories.FS, e.Name()+"/story.yaml"); err == nil {
			ids = append(ids, e.Name())
		}
	}
	if len(ids) == 0 {
		t.Fatal("no bundled stories in stories.FS")
	}
	return ids
}

// walkthroughs returns the walkthrough files of a story by name
// ("walkthrough.txt", "walkthrough-lose.txt", …).
func walkthroughs(t *testing.T, id string) []string {
	t.Helper()
	names, err := fs.Glob(stories.FS, id+"/walkthrough*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = path.Base(n)
	}
	return names
}

func load(t *testing.T, id string) *story.Story {
	t.Helper()
	s, err := story.Load(stories.FS, id)
	if err != nil {
		t.Fatalf("story %q does not load:\n%v", id, err)
	}
	return s
}

// transcript is what one play-through produced.
type transcript struct {
	text   string      // the console's output, as `tale --plain < walkthrough` prints it
	ending *tio.Ending // the end event, nil when the story did not end
	state  *tio.State  // the last state snapshot
}

// walkthroughSeed is the seed a story without one of its own is played
// with by the walkthrough tests.
const walkthroughSeed uint64 = 1

// play runs input through the real runtime the way `tale --plain < file`
// does: the story from the embedded FS, a driver loop, the plain console
// at 80 columns echoing input. A second subscriber watches for the end
// event, so the ending is checked on the event stream, not only in text.
func play(t *testing.T, id, input string) transcript {
	t.Helper()
	s := load(t, id)
	opts := driver.Options{DataDir: t.TempDir()}
	if s.Config.Seed == nil {
		// A story that is meant to differ every game (the dungeon) has no
		// seed of its own; its walkthroughs are for `tale --plain --seed 1`.
		seed := walkthroughSeed
		opts.Seed = &seed
	}
	game, err := driver.New(s, opts)
	if err != nil {
		t.Fatalf("driver.New(%q): %v", id, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	loopDone := make(chan error, 1)
	go func() { loopDone <- game.Run(ctx) }()

	sub, err := game.Session().Subscribe(ctx, 0)
	if err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	watched := make(chan transcript, 1)
	go func() {
		var w transcript
		var last uint64
		for {
			for ev := range sub.Events {
				last = ev.Seq
				switch {
				case ev.Kind == tio.KindEnd && w.ending == nil:
					w.ending = ev.Ending
				case ev.Kind == tio.KindState:
					w.state = ev.State
				}
			}
			sub.Cancel()
			if !sub.Evicted() {
				break
			}
			// On a busy machine this reader can fall behind the console;
			// it reads on from the last event it handled, as a front end
			// does, rather than miss the ending.
			next, err := game.Session().Subscribe(ctx, int64(last))
			if err != nil {
				break
			}
			sub = next
		}
		watched <- w
	}()

	var buf bytes.Buffer
	err = console.Run(ctx, game.Session(), strings.NewReader(input), &buf, console.Options{Width: 80, EchoInput: true})
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("console.Run: %v", err)
	}
	cancel()
	if err := <-loopDone; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("game.Run: %v", err)
	}
	got := <-watched
	got.text = buf.String()
	return got
}

func readWalkthrough(t *testing.T, id, name string) string {
	t.Helper()
	b, err := fs.ReadFile(stories.FS, id+"/"+name)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			t.Errorf("%s/%s:%d: a walkthrough holds only commands, one a line (no blank lines or comments): %q", id, name, i+1, line)
		}
	}
	return string(b)
}

// wantKind says which ending a walkthrough must reach: walkthrough-lose*
// loses, every other walkthrough wins.
func wantKind(name string) string {
	if strings.HasPrefix(name, "walkthrough-lose") {
		return "lose"
	}
	return "win"
}

func lastCommand(input string) string {
	lines := strings.Split(strings.TrimRight(input, "\n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func TestBundledStoriesLoad(t *testing.T) {
	for _, id := range bundled(t) {
		t.Run(id, func(t *testing.T) {
			s := load(t, id)
			if s.ID != id {
				t.Errorf("ID = %q, want %q", s.ID, id)
			}
			if s.Config.Name == "" || s.Config.Description == "" {
				t.Errorf("story.yaml needs a name and a one-line description (for tale --list); got name %q, description %q", s.Config.Name, s.Config.Description)
			}
			if strings.Contains(s.Config.Description, "\n") {
				t.Errorf("description is not one line: %q", s.Config.Description)
			}
			if len(walkthroughs(t, id)) == 0 {
				t.Errorf("story %q has no walkthrough.txt; every bundled story needs one that reaches its ending", id)
			}
		})
	}
}

func TestWalkthroughs(t *testing.T) {
	for _, id := range bundled(t) {
		for _, name := range walkthroughs(t, id) {
			t.Run(id+"/"+name, func(t *testing.T) {
				s := load(t, id)
				input := readWalkthrough(t, id, name)
				got := play(t, id, input)

				want := wantKind(name)
				if got.ending == nil {
					t.Errorf("the story did not end; %s should reach a %s ending", name, want)
				} else if got.ending.Won != (want == "win") {
					t.Errorf("ending %q (%q) won=%v; %s should reach a %s ending", got.ending.ID, got.ending.Title, got.ending.Won, name, want)
				}
				checkEndingText(t, s, got.text, want, lastCommand(input))

				golden := filepath.Join("testdata", id+"-"+strings.TrimSuffix(name, ".txt")+".golden")
				if *update {
					if err := os.WriteFile(golden, []byte(got.text), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				wantText, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./stories -update to create it)", err)
				}
				if got.text != string(wantText) {
					t.Errorf("transcript differs from %s (run with -update if the change is intended):\n%s", golden, firstDiff(string(wantText), got.text))
				}
			})
		}
	}
}

// checkEndingText asserts on the transcript itself: the title of an ending
// of the wanted kind appears after the walkthrough's last command, and no
// ending of the other kind appears at all.
func checkEndingText(t *testing.T, s *story.Story, text, kind, last string) {
	t.Helper()
	after := strings.LastIndex(text, last)
	if after < 0 {
		t.Errorf("the last command %q is not echoed in the transcript", last)
		after = 0
	}
	found := false
	for id, e := range s.Config.Endings {
		if e.Title == "" {
			continue
		}
		at := strings.LastIndex(text, e.Title)
		switch {
		case e.Kind == kind && at > after:
			found = true
		case e.Kind != kind && at >= 0:
			t.Errorf("the transcript shows the %s ending %q (%s)", e.Kind, e.Title, id)
		}
	}
	if !found {
		t.Errorf("the transcript does not end with the title of a %s ending; its tail:\n%s", kind, tail(text, 600))
	}
}

// TestDemoFullScore: the demo's winning walkthrough is also the model
// solution, so it collects every point; a score effect or item score that
// stops counting shows up here.
func TestDemoFullScore(t *testing.T) {
	got := play(t, "demo", readWalkthrough(t, "demo", "walkthrough.txt"))
	if got.state == nil {
		t.Fatal("no state event")
	}
	if got.state.MaxScore != 50 || got.state.Score != got.state.MaxScore {
		t.Errorf("score %d of %d, want 50 of 50", got.state.Score, got.state.MaxScore)
	}
}

// TestDeterministic plays each winning walkthrough twice: contract 5 says
// the same story, seed and input give the same transcript, byte for byte.
func TestDeterministic(t *testing.T) {
	for _, id := range bundled(t) {
		t.Run(id, func(t *testing.T) {
			input := readWalkthrough(t, id, "walkthrough.txt")
			a := play(t, id, input).text
			b := play(t, id, input).text
			if a != b {
				t.Errorf("two runs of %s/walkthrough.txt differ:\n%s", id, firstDiff(a, b))
			}
		})
	}
}

// firstDiff shows the first line where two transcripts part.
func firstDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, quote(wl, i < len(w)), quote(gl, i < len(g)))
		}
	}
	return "(no difference)"
}

func quote(s string, present bool) string {
	if !present {
		return "(end of transcript)"
	}
	return strconv.Quote(s)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
