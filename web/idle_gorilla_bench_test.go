package web

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// BenchmarkIdleMemoryGorilla is BenchmarkIdleMemory's reference: the
// same 1,000 idle clients (the same child process) on gorilla's bare echo
// server with tale's buffer sizes, so the two B/conn figures divide.
func BenchmarkIdleMemoryGorilla(b *testing.B) {
	const n = 1000
	raiseFileLimit(b, 2*n+256)
	for range b.N {
		before, stackBefore := memNow(), stackNow()
		u := benchEcho(b)
		cmd := exec.Command(os.Args[0], "-test.run=^TestIdleClientsHelper$", "-test.v")
		cmd.Env = append(os.Environ(), "TALE_IDLE_URL="+u, "TALE_IDLE_N="+strconv.Itoa(n))
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		ready := bufio.NewScanner(stdout)
		for ready.Scan() && ready.Text() != "ready" {
		}
		// The helper prints ready once every dial returned, when the
		// server may not have entered its read loops yet.
		time.Sleep(100 * time.Millisecond)
		after, stackAfter := memNow(), stackNow()
		reportIdle(b, after-before, stackAfter-stackBefore, n)
		stdin.Close()
		cmd.Wait()
	}
}
