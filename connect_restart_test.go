package main

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/remote"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// TestConnectKeepsItsGameAcrossAServerRestart: a terminal player's game
// is their own in the store, so when the server restarts the client
// reconnects by itself, is known by its cookie, and plays on where it was.
func TestConnectKeepsItsGameAcrossAServerRestart(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	start := func() (stop func()) {
		srv := serve(t, "--web", "--websocket", "--addr", addr, "--data-dir", dir)
		return func() {
			if err := srv.stop(); err != nil {
				t.Errorf("play after its context ended: %v", err)
			}
		}
	}

	stop := start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := remote.Dial(ctx, "ws://"+addr+"/tale/ws", remote.Options{GiveUp: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sub, err := s.Subscribe(ctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	if err := s.Send(ctx, tio.Line("north")); err != nil {
		t.Fatal(err)
	}
	waitForText(t, sub, "Cliff Path")
	stop()

	stop = start()
	defer stop()
	if err := s.Send(ctx, tio.Line("look")); err != nil {
		t.Fatal(err)
	}
	got := waitForText(t, sub, "Cliff Path")
	if strings.Contains(got, "The Slipway") {
		t.Errorf("after the restart the game began again:\n%s", got)
	}
}

// waitForText reads events until a text event contains want and returns
// the text read.
func waitForText(t *testing.T, sub *tio.Subscription, want string) string {
	t.Helper()
	var b strings.Builder
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				t.Fatalf("the stream ended before %q:\n%s", want, b.String())
			}
			if ev.Kind == tio.KindText {
				text := markup.Plain(ev.Text, 0)
				b.WriteString(text + "\n")
				if strings.Contains(text, want) {
					return b.String()
				}
			}
		case <-timeout:
			t.Fatalf("no %q within 20 s:\n%s", want, b.String())
		}
	}
}
