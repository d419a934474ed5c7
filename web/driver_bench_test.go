package web

import (
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// BenchmarkRoundTripDriverWS: a command to the real demo game, timed until
// its text is in. The driver sends a command's state and then its text;
// a plain client reads them as two messages, one that asks for folding
// (?fold=1) as one. Both are measured in the same run, command by command,
// with gorilla's echo of the same command beside them.
//
//	go test ./web/ -run '^$' -bench RoundTripDriverWS -benchtime 2000x
func BenchmarkRoundTripDriverWS(b *testing.B) {
	ts := benchServe(b, benchDriverGame(b).Session())
	// One tab at a time plays; the other's copy of each reply is read
	// after the timed one, so the two never wait for each other.
	plain := dialAll(b, ts.wsURL(""), 1, true)[0]
	folded := dialAll(b, ts.wsURL(foldParam+"=1"), 1, true)[0]
	echo := dialAll(b, benchEcho(b), 1, false)[0]
	var pl, fl, el []time.Duration
	var frames, foldedFrames int
	b.ResetTimer()
	for i := range b.N {
		// Each tab sends the move and the undo in turn, so that both
		// are timed on the same commands.
		pc, fc := driverCmds[i%2], driverCmds[(i+1)%2]
		d, n := driverRoundTrip(b, plain, folded, pc)
		pl, frames = append(pl, d), frames+n
		d, n = driverRoundTrip(b, folded, plain, fc)
		fl, foldedFrames = append(fl, d), foldedFrames+n
		start := time.Now()
		echo.WriteMessage(websocket.TextMessage, driverCmds[0])
		if _, _, err := echo.ReadMessage(); err != nil {
			b.Fatal(err)
		}
		el = append(el, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(float64(frames)/float64(b.N), "plain-frames/cmd")
	b.ReportMetric(float64(foldedFrames)/float64(b.N), "folded-frames/cmd")
	b.ReportMetric(float64(percentile(pl, .5).Microseconds()), "plain-p50-µs")
	b.ReportMetric(float64(percentile(pl, .99).Microseconds()), "plain-p99-µs")
	b.ReportMetric(float64(percentile(fl, .5).Microseconds()), "folded-p50-µs")
	b.ReportMetric(float64(percentile(fl, .99).Microseconds()), "folded-p99-µs")
	b.ReportMetric(float64(percentile(el, .5).Microseconds()), "echo-p50-µs")
	b.ReportMetric(float64(percentile(el, .99).Microseconds()), "echo-p99-µs")
}

// driverCmds: a move and taking it back, so that every command changes
// the state (which leads its text) and the story, which has a clock,
// never ends.
var driverCmds = [][]byte{[]byte(`{"cmd": "north"}`), []byte(`{"cmd": "undo"}`)}

// driverRoundTrip sends cmd on c, reads until the reply's text and
// returns the time and the frames read; then it reads the same reply on
// other (every tab of the game gets it).
func driverRoundTrip(b *testing.B, c, other *websocket.Conn, cmd []byte) (time.Duration, int) {
	start := time.Now()
	c.SetWriteDeadline(start.Add(waitLimit))
	if err := c.WriteMessage(websocket.TextMessage, cmd); err != nil {
		b.Fatal(err)
	}
	n := readReply(b, c)
	d := time.Since(start)
	readReply(b, other)
	return d, n
}

// readReply reads frames up to and including a text message with text.
func readReply(b *testing.B, c *websocket.Conn) int {
	for n := 1; ; n++ {
		c.SetReadDeadline(time.Now().Add(waitLimit))
		_, p, err := c.ReadMessage()
		if err != nil {
			b.Fatal(err)
		}
		m := decodeMsg(b, p)
		if m.typ() == "text" && m.str("text") != "" {
			return n
		}
	}
}
