package stories_test

import (
	"strings"
	"testing"
)

// warningWords are what a player reads as a deadline drawing near.
var warningWords = []string{"minutes", "twenty to six", "half an hour"}

// The demo's storm ends the game at turn 60: the welcome names the hour,
// warnings count it down, and the status bar's clock reaches it with the
// ending, so no player meets the wreck without warning.
func TestDemoDeadlineIsSignposted(t *testing.T) {
	tr := play(t, "demo", strings.Repeat("wait\n", 60))
	if tr.ending == nil || tr.ending.ID != "wreck" {
		t.Fatalf("sixty waits did not end in the wreck: %+v", tr.ending)
	}
	replies := strings.Split(strings.TrimSuffix(tr.text, "\n> \n"), "\n> ")
	if !strings.Contains(replies[0], "twenty to six") {
		t.Errorf("the opening does not name the deadline:\n%s", replies[0])
	}
	// Within the ten turns before the wreck, and again in the last five,
	// the story says time is running out.
	end := len(replies) - 1 // the wreck's own reply
	for _, within := range []int{10, 5} {
		last := strings.Join(replies[end-within:end], "\n")
		if !containsAny(last, warningWords) {
			t.Errorf("no warning in the last %d turns before the wreck:\n%s", within, last)
		}
	}
	if tr.state == nil || tr.state.Clock != "5:40 pm" {
		t.Errorf("the clock at the wreck reads %+v, want 5:40 pm (twenty to six)", tr.state)
	}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(strings.ToLower(s), w) {
			return true
		}
	}
	return false
}
