package console_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio/console"
	"github.com/tale-if/tale/tio/tiotest"
)

// hangGuard only turns a hang into a failure; nothing waits for it.
const hangGuard = 20 * time.Second

// playHostile runs the real console against the real driver on a story
// whose every printed field carries escape sequences, with a player who
// types them too, and returns what the console wrote and the transcript
// the game kept.
func playHostile(t *testing.T, color bool) (out, transcript string) {
	t.Helper()
	st, err := story.LoadDir("testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(1)
	data := t.TempDir()
	g, err := driver.New(st, driver.Options{Seed: &seed, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()

	lines := []string{"transcript on"}
	for _, h := range tiotest.Hostile {
		lines = append(lines, "say "+h.Text, h.Text)
	}
	lines = append(lines,
		"say one\rtwo", // a line break inside a line is no second command
		"look", "examine box", "take cafe\u0301", "inventory",
		"talk to imp", "1", "transcript off", "win")
	var buf bytes.Buffer
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	err = console.Run(ctx, g.Session(), in, &buf, console.Options{EchoInput: true, Color: color, Width: 60})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, buf.String())
	}
	cancel()
	<-done

	files, _ := filepath.Glob(filepath.Join(data, "transcripts", "*.txt"))
	if len(files) != 1 {
		t.Fatalf("transcripts: %v\n%s", files, buf.String())
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), string(b)
}

func TestHostileStoryAndPlayerPlainConsole(t *testing.T) {
	out, transcript := playHostile(t, false)
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("ESC in plain output:\n%q", out)
	}
	if what := tiotest.ForeignControl(out); what != "" {
		t.Errorf("console wrote %s", what)
	}
	if strings.ContainsRune(transcript, 0x1b) {
		t.Errorf("ESC in the transcript:\n%q", transcript)
	}
	if what := tiotest.ForeignControl(transcript); what != "" {
		t.Errorf("transcript holds %s", what)
	}
	// The game went on as normal around it all.
	for _, want := range []string{
		"You say: “2Jgone”", "> say one two\nYou say: “one two”", "You won",
		"Option]52;c;eA== one", "It grins[6n.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestHostileStoryAndPlayerColourConsole(t *testing.T) {
	out, _ := playHostile(t, true)
	if !strings.Contains(out, "\x1b[") {
		t.Fatal("no colour at all: the test proves nothing")
	}
	if what := tiotest.ForeignControl(out); what != "" {
		t.Errorf("console wrote %s", what)
	}
}

// A word typed decomposed ("e" and a combining acute) is the word the
// story spells precomposed.
func TestDecomposedInputFindsTheItem(t *testing.T) {
	out, _ := playHostile(t, false)
	i := strings.Index(out, "> take cafe\u0301")
	if i < 0 {
		t.Fatalf("no echo of the take:\n%s", out)
	}
	reply, _, _ := strings.Cut(out[i:], "\n\n")
	if !strings.Contains(reply, "Taken") {
		t.Fatalf("take café: %q", reply)
	}
}
