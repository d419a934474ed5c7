package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
)

// crashChildEnv, when set to a data dir, makes the test binary a child
// that appends to the journal of game crashGame in a loop and prints each
// n once Append has returned.
const crashChildEnv = "TALE_STORE_CRASH_CHILD"

const crashGame = "CRASHGAME"

// crashRounds is how many times the child is killed: each round kills it
// at a different point of its loop (after a different number of
// acknowledged appends), so kills land in different phases of a commit.
const crashRounds = 8

// crashChildMax bounds the child's loop, so an orphaned child stops by
// itself.
const crashChildMax = 100_000

func TestAppendSurvivesSIGKILL(t *testing.T) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir)
		return
	}
	dir := t.TempDir()
	ctx := context.Background()
	s, err := OpenSQLite(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateGame(ctx, Game{ID: crashGame, Owner: "o", Story: "demo", Mode: "if"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	var acked int64
	for round := range crashRounds {
		killAfter := 10 + round*37 // acknowledged appends before the kill
		cmd := exec.Command(os.Args[0], "-test.run=^TestAppendSurvivesSIGKILL$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for seen := 0; seen < killAfter && lines.Scan(); seen++ {
			n, err := strconv.ParseInt(lines.Text(), 10, 64)
			if err != nil {
				cmd.Process.Kill()
				t.Fatalf("child said %q", lines.Text())
			}
			acked = n
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		s, err := OpenSQLite(ctx, dir, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		r, err := s.Replay(ctx, crashGame)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if r.Turns < acked {
			t.Fatalf("round %d: killed after append %d returned, the store has only %d", round, acked, r.Turns)
		}
		for i, e := range r.Tail {
			if e.N != int64(i+1) || e.Text != fmt.Sprint("cmd ", e.N) {
				t.Fatalf("round %d: entry %d is %+v", round, i+1, e)
			}
		}
		if int64(len(r.Tail)) != r.Turns {
			t.Fatalf("round %d: %d entries, but turns says %d", round, len(r.Tail), r.Turns)
		}
		t.Logf("round %d: %d acknowledged, %d kept", round, acked, r.Turns)
	}
}

// crashChild appends until killed. It prints n only after Append(n)
// returned: a printed n is a reply the player has read.
func crashChild(dir string) {
	ctx := context.Background()
	s, err := OpenSQLite(ctx, dir, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	g, err := s.Game(ctx, crashGame)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	for n := g.Turns + 1; n <= g.Turns+crashChildMax; n++ {
		if err := s.Append(ctx, crashGame, Entry{N: n, Kind: Line, Text: fmt.Sprint("cmd ", n)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(w, n)
		w.Flush()
	}
	os.Exit(0)
}
