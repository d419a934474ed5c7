package tiotest

import (
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/sessiontest"
)

// The fake keeps the contract it stands in for.
func TestConformance(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T, setup sessiontest.Setup) sessiontest.Seat {
		s := New(Options{Ring: setup.Ring,
			React:    func(s *Session, in tio.Input) { s.Emit(Text("You said " + in.Line + ".")) },
			Complete: func(prefix string) []string { return []string{prefix + "ok"} }})
		s.Emit(Text("Once upon a time."), State(tio.State{Location: "Hall"}))
		t.Cleanup(s.Close)
		return sessiontest.Seat{Session: s, Close: s.Close}
	})
}
