package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The crash tests' server: this test binary run again as `tale ARGS` on a
// data dir and address every life shares, and killed with SIGKILL at a
// random moment of each life but the last.

// crashChildLimits lift the per-address caps: every player of a crash test
// comes from 127.0.0.1, and reconnects many times.
var crashChildLimits = []string{"--max-conns-per-ip", "1000", "--new-sessions-per-ip", "1000", "--ip-rate", "10000", "--game-rate", "10000"}

// runCrashChild is the child's side: when env carries "data dir|address",
// this process is the server and never returns.
func runCrashChild(env string, args ...string) {
	v := os.Getenv(env)
	if v == "" {
		return
	}
	i := strings.LastIndex(v, "|")
	args = append(append([]string{"tale", "--game", "demo"}, args...), "--addr", v[i+1:], "--data-dir", v[:i])
	os.Exit(run(append(args, crashChildLimits...), os.Stdin, os.Stdout, os.Stderr))
}

// crashKill is when a life ends: after a random number of events, from 1
// to maxEvents, and then a moment up to jitter, so that kills land on both
// sides of the journal write.
type crashKill struct {
	maxEvents int
	jitter    time.Duration
}

// crashChild is one life of the server.
type crashChild struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	exited chan error    // the child's exit
	gone   chan struct{} // closed once it has exited
	killed chan struct{} // closed just before the planned kill
	// event counts one of the events the kill is planned after (a command
	// sent, a reply read); safe from many goroutines.
	event func()
}

// startCrashChild starts the test named test as a child server with env
// set to dir|addr. The last life is never killed.
func startCrashChild(t *testing.T, test, env, dir, addr string, kill crashKill, last bool) *crashChild {
	t.Helper()
	c := &crashChild{exited: make(chan error, 1), gone: make(chan struct{}), killed: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^"+test+"$")
	c.cmd.Env = append(os.Environ(), env+"="+dir+"|"+addr)
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.exited <- c.cmd.Wait(); close(c.gone) }()
	var events atomic.Int64
	killAt := int64(1 + rand.IntN(kill.maxEvents))
	var once sync.Once
	c.event = func() {
		if n := events.Add(1); n == killAt && !last {
			once.Do(func() {
				time.AfterFunc(time.Duration(rand.Int64N(int64(kill.jitter))), func() {
					close(c.killed) // first: the players see the kill only after it
					c.cmd.Process.Kill()
				})
			})
		}
	}
	return c
}

// settle waits for a life that is not the last to end: by the planned kill,
// or killed now if every player finished before it. A child that exited by
// itself fails the test.
func (c *crashChild) settle(t *testing.T, life int) {
	t.Helper()
	select {
	case <-c.killed:
	default:
		select {
		case <-c.gone:
			t.Fatalf("life %d: the server stopped by itself: %v\n%s", life, <-c.exited, c.tail(3000))
		default:
		}
		c.cmd.Process.Kill()
	}
	<-c.gone
}

// stop ends the last life as an operator does, with an interrupt, which
// must end it cleanly.
func (c *crashChild) stop(t *testing.T) {
	t.Helper()
	c.cmd.Process.Signal(os.Interrupt)
	if err := <-c.exited; err != nil {
		t.Errorf("the last child: %v\n%s", err, c.tail(2000))
	}
}

// fail ends the test with what the child said last.
func (c *crashChild) fail(t *testing.T, format string, a ...any) {
	t.Helper()
	c.cmd.Process.Kill()
	<-c.gone // its stderr is whole only then
	t.Fatalf(format+"\n%s", append(a, c.tail(3000))...)
}

// tail is the end of the child's stderr, quoted.
func (c *crashChild) tail(n int) string {
	b := c.stderr.Bytes()
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strconv.Quote(string(b))
}
