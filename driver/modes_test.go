package driver

import (
	"errors"
	"strings"
	"testing"
)

// A story that does not list mud among its modes refuses to be shared,
// and says which story and which modes it has; IF mode still plays it.
func TestMUDRefusedUnlessTheStoryOffersIt(t *testing.T) {
	s := testStory()
	s.Config.Modes = nil // the default: one player only
	_, err := NewWorld(s, Options{Logger: quiet, Mode: ModeMUD, DataDir: t.TempDir()})
	if !errors.Is(err, ErrModeNotOffered) {
		t.Fatalf("NewWorld in MUD mode = %v, want ErrModeNotOffered", err)
	}
	want := `the story is not written for that mode: "The Test House" (test) lists modes [if] in its story.yaml, not mud`
	if err.Error() != want {
		t.Errorf("error reads\n%s\nwant\n%s", err, want)
	}
	if _, err := New(s, Options{Logger: quiet, DataDir: t.TempDir()}); err != nil {
		t.Errorf("IF mode: %v", err)
	}
	s.Config.Modes = []string{"mud"}
	if _, err := New(s, Options{Logger: quiet, DataDir: t.TempDir()}); !errors.Is(err, ErrModeNotOffered) || !strings.Contains(err.Error(), "[mud]") {
		t.Errorf("IF mode of a MUD-only story = %v, want it refused", err)
	}
}
