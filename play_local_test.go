package main

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

// procsReader is a player's input that notes how many Ps the process has
// while the game reads it.
type procsReader struct {
	r     io.Reader
	procs []int
}

func (p *procsReader) Read(b []byte) (int, error) {
	p.procs = append(p.procs, runtime.GOMAXPROCS(0))
	return p.r.Read(b)
}

// A game played at the console runs on one P (no thread woken at each
// hand-off between the loop and the front end), and the process has its
// Ps back afterwards.
func TestLocalPlayRunsOnOneP(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	in := &procsReader{r: strings.NewReader("look\nwait\n")}
	var out, errOut bytes.Buffer
	if code := run([]string{"tale", "--plain", "--data-dir", t.TempDir()}, in, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if len(in.procs) == 0 {
		t.Fatal("the game never read its input")
	}
	for _, n := range in.procs {
		if n != 1 {
			t.Errorf("GOMAXPROCS %d while playing, want 1 (reads saw %v)", n, in.procs)
			break
		}
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS %d after the game, want %d as before", after, before)
	}
}

// GOMAXPROCS set by the user is theirs.
func TestLocalPlayKeepsTheUsersGOMAXPROCS(t *testing.T) {
	t.Setenv("GOMAXPROCS", "2")
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	in := &procsReader{r: strings.NewReader("look\n")}
	var out, errOut bytes.Buffer
	if code := run([]string{"tale", "--plain", "--data-dir", t.TempDir()}, in, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, n := range in.procs {
		if n != 2 {
			t.Fatalf("GOMAXPROCS %d while playing with GOMAXPROCS=2 set, want 2", n)
		}
	}
}

// A server that main started on one P has the runtime's default back: it
// serves many players at once.
func TestWebServesOnTheDefaultPs(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	runtime.SetDefaultGOMAXPROCS()
	want := runtime.GOMAXPROCS(0)
	startOnOneP()
	defer func() { startedOnOneP = false }()
	if n := runtime.GOMAXPROCS(0); n != 1 {
		t.Fatalf("GOMAXPROCS %d after startOnOneP, want 1", n)
	}
	serve(t, "--web", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
	if n := runtime.GOMAXPROCS(0); n != want {
		t.Errorf("GOMAXPROCS %d while serving, want the default %d", n, want)
	}
}
