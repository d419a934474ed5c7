package main

import (
	"os"
	"runtime"
)

// How many Ps (threads running Go at once) tale uses: one for a player at
// this machine, the runtime's default for a server.

// startedOnOneP records that main put the process on one P itself, so
// that a server can have the runtime's default back.
var startedOnOneP bool

// startOnOneP puts the process on one P first thing: most starts are one
// player at this machine, who wants one P (runLocal says why). Now, before
// a second P has cached any memory, that costs nothing; once the flags
// are read, the same call stops the world to hand that memory back,
// 0.2–0.25 ms of a 4 ms start. A GOMAXPROCS the user set is theirs.
func startOnOneP() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
		startedOnOneP = true
	}
}

// serveOnAllPs gives a server the runtime's default again (every CPU, or
// its cgroup's limit, followed as it changes) when main started it on one P.
func serveOnAllPs() {
	if startedOnOneP {
		runtime.SetDefaultGOMAXPROCS()
	}
}

// runLocal sets the runtime up for one player at this machine (the console
// or the TUI), until the returned func puts it back.
//
// One P: such a game is the loop's goroutine and the front end's taking
// turns, never both busy at once, and with a second P idle the runtime
// wakes another thread at every hand-off to run the other (a piped run
// of 2,000 commands: 544 futex calls with 2 Ps, 40–55 with 1, and its
// best time 43–45 ms against 35–37). Nothing else in local play wants a
// second core: a narrator only waits on HTTP, the TUI's goroutines on the
// terminal. A GOMAXPROCS the user set is theirs.
func runLocal() (restore func()) {
	if os.Getenv("GOMAXPROCS") != "" {
		return func() {}
	}
	prev := runtime.GOMAXPROCS(1)
	return func() { runtime.GOMAXPROCS(prev) }
}
