package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// urlWait bounds how long a server may take to print its address.
const urlWait = 10 * time.Second

// served is a `tale --web` that serve started in this process, the way an
// operator starts it: play with the parsed command line, its first line of
// output the address it listens on.
type served struct {
	base  string        // http://127.0.0.1:PORT, without /tale/
	ended chan struct{} // closed when play has returned
	stop  func() error
}

// ws is the server's WebSocket endpoint.
func (s served) ws() string { return "ws" + strings.TrimPrefix(s.base, "http") + "/tale/ws" }

// serve starts play with args (which name --web, the address and the data
// dir) and waits for the address it prints. stop ends the server and
// returns play's error; a test that does not call it gets it called at
// cleanup, play's error then failing the test.
func serve(t *testing.T, args ...string) served {
	t.Helper()
	o, err := optionsFor(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, in := io.Pipe()
	ended := make(chan struct{})
	var playErr error
	go func() {
		defer close(ended)
		playErr = play(ctx, o, strings.NewReader(""), in, io.Discard)
		in.CloseWithError(fmt.Errorf("play ended before printing its address: %v", playErr))
	}()
	stop := sync.OnceValue(func() error {
		cancel()
		<-ended
		return playErr
	})
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("play after its context ended: %v", err)
		}
	})
	guard := time.AfterFunc(urlWait, func() { in.CloseWithError(errors.New("no address printed in time")) })
	line, err := bufio.NewReader(out).ReadString('\n') // "Playing … at http://127.0.0.1:PORT/tale/"
	guard.Stop()
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	at := strings.Index(line, "http")
	if at < 0 {
		t.Fatalf("no address in the server's first line %q", line)
	}
	return served{base: strings.TrimSuffix(line[at:], "/tale/\n"), ended: ended, stop: stop}
}
