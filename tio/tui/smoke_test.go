package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// demoStart is where the bundled demo story (the default) begins:
// stories/demo/story.yaml, start: slipway.
const demoStart = "The Slipway"

// TestSmokeTmux plays the real binary in a real terminal (tmux): it starts,
// shows the first location, answers "look", and quits with Ctrl+C, y. It
// skips without tmux, unless CI is set: there a missing tmux is a failure.
func TestSmokeTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but tmux is not installed")
		}
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tale")
	// Built as scripts/build.sh installs it, so that the static build is
	// the one played in a real terminal.
	build := exec.Command("../../scripts/build.sh", bin)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/build.sh: %v\n%s", err, out)
	}

	// A private server (-S) keeps the test away from the user's own tmux.
	sock := filepath.Join(dir, "tmux.sock")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(tmux, append([]string{"-S", sock}, args...)...)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("new-session", "-d", "-s", "tale", "-x", "100", "-y", "30",
		bin+" --data-dir "+dir+"; echo tale-exited-$?; sleep 60")
	t.Cleanup(func() { exec.Command(tmux, "-S", sock, "kill-server").Run() })

	screen := func() string { return run("capture-pane", "-p", "-t", "tale") }
	waitScreen := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(smokeWait)
		for {
			s := screen()
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s; screen:\n%s", what, s)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	has := func(sub string) func(string) bool {
		return func(s string) bool { return strings.Contains(s, sub) }
	}

	first := waitScreen(demoStart, has(demoStart))
	n := strings.Count(first, demoStart)
	run("send-keys", "-t", "tale", "look", "Enter")
	waitScreen("the echoed command", has("> look"))
	waitScreen("the location again", func(s string) bool {
		return strings.Count(s, demoStart) > n
	})
	run("send-keys", "-t", "tale", "C-c")
	waitScreen("the quit question", has("Quit? (y/n)"))
	run("send-keys", "-t", "tale", "y")
	end := waitScreen("the program to exit", has("tale-exited-"))
	if !strings.Contains(end, "tale-exited-0") {
		t.Fatalf("tale did not exit 0:\n%s", end)
	}
	if strings.Contains(end, "Quit? (y/n)") {
		t.Fatalf("the alternate screen was not restored:\n%s", end)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "history", "*.txt"))
	if len(kept) != 1 {
		t.Fatalf("want one history file in the data dir, have %q", kept)
	}
	if b, _ := os.ReadFile(kept[0]); !strings.Contains(string(b), "look") {
		t.Fatalf("history %s lacks the command typed: %q", kept[0], b)
	}
}

// smokeWait bounds each wait on the real binary; it guards against a hang
// and is generous because the machine may be busy.
const smokeWait = 30 * time.Second
