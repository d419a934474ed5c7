package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// notifyLater's context ends on the signal, as NotifyContext's does, once
// its goroutine has registered (until then the test's own Notify keeps
// the interrupt from ending the test binary, so it is sent until heard).
func TestNotifyLaterCancelsOnInterrupt(t *testing.T) {
	guard := make(chan os.Signal, 1)
	signal.Notify(guard, os.Interrupt)
	defer signal.Stop(guard)

	ctx, stop := notifyLater(context.Background(), os.Interrupt)
	defer stop()
	for deadline := time.Now().Add(10 * time.Second); ctx.Err() == nil; {
		if time.Now().After(deadline) {
			t.Fatal("the interrupt never ended the context")
		}
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Without a signal, stop ends the context and returns once the goroutine
// has let the signals go.
func TestNotifyLaterStop(t *testing.T) {
	ctx, stop := notifyLater(context.Background(), os.Interrupt)
	if ctx.Err() != nil {
		t.Fatal("ended before any signal")
	}
	stop()
	if ctx.Err() == nil {
		t.Fatal("stop left the context running")
	}
}
