package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// A real program over pipes: keys in, the alternate screen entered and
// left again, nil when the player confirms quitting.
func TestRunQuitsAndRestoresTheScreen(t *testing.T) {
	var out bytes.Buffer
	err := Run(context.Background(), newFakeSession(), Options{
		StoryID:   "demo",
		DataDir:   t.TempDir(),
		Input:     strings.NewReader("\x03y"), // Ctrl+C, then y
		Output:    &out,
		AltScreen: true,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	s := out.String()
	enter, leave := strings.Index(s, "\x1b[?1049h"), strings.LastIndex(s, "\x1b[?1049l")
	if enter < 0 || leave < enter {
		t.Fatalf("alternate screen not entered and left: %q", s)
	}
	if !strings.Contains(s, "\x1b[?25h") {
		t.Fatalf("cursor not shown again at exit: %q", s)
	}
	if title := newFakeSession().Info().Name; !strings.Contains(s, "\x1b]2;"+title+"\a") {
		t.Errorf("the terminal's title should be the story's name (%q): %q", title, s)
	}
}

func TestRunEndsWhenTheContextDoes(t *testing.T) {
	in, w := io.Pipe() // a keyboard nobody types on
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, newFakeSession(), Options{Input: in, Output: io.Discard}) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
}

func TestRunEndsWhenTheSessionCloses(t *testing.T) {
	in, w := io.Pipe()
	defer w.Close()
	f := newFakeSession()
	f.Close()
	if err := Run(context.Background(), f, Options{Input: in, Output: io.Discard}); err != nil {
		t.Fatalf("Run on a closed session: %v", err)
	}
}
