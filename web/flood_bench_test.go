package web

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// BenchmarkFloodP99 is issue 9's latency figure: the round trip of
// well-behaved players (eight addresses, 15 commands a second each, far
// above a person's pace so that a p99 has a thousand samples behind it)
// playing one IF game, in three phases of TALE_BENCH_SECONDS (default 10)
// each:
//
//   - idle: nobody else;
//   - elsewhere: a flooder floods a server of its own on this machine, so
//     the players feel only the machine being busy (on a 2-core test box
//     that is most of what they feel);
//   - flood: the same flooder floods this server, from 127.0.0.2, with
//     everything the caps are for: its 16 connections sending commands as
//     fast as they can write, new connections and sessions over and over,
//     and POSTs on its session.
//
// The flooder is a child process (this test binary again, TestFloodHelper),
// so its CPU and garbage are not the server's.
//
//	go test ./web/ -run '^$' -bench FloodP99 -benchtime 1x
//
// The address budget, which is what holds the flooder, is the default
// (20 a second, bursts of 40). The per-connection rate is raised, so that
// the flooder's connections could each send 100 a second, and so is the
// game's budget, so that the players' 120 a second fit beside the flood.
func BenchmarkFloodP99(b *testing.B) {
	secs := 10
	if s, err := strconv.Atoi(os.Getenv("TALE_BENCH_SECONDS")); err == nil && s > 0 {
		secs = s
	}
	phase := time.Duration(secs) * time.Second
	for range b.N {
		g := newEchoGame(64, 4096)
		srv, err := New(g, floodConfig())
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		ts := serveWith(b, srv, g, ln)
		var players []*wsc
		for _, ip := range []from{"127.0.0.1", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"} {
			c, refused := ip.open(b, ts, "")
			if refused != nil {
				b.Fatal(refused)
			}
			players = append(players, c)
		}

		idle := playFor(b, players, phase)
		var elsewhere []time.Duration
		withFlooder(b, "", func() { elsewhere = playFor(b, players, phase) })
		var busy []time.Duration
		before := len(g.Sent())
		sent := withFlooder(b, ts.url, func() { busy = playFor(b, players, phase) })
		accepted := len(g.Sent()) - before - len(busy)

		i99, e99, f99 := percentile(idle, .99), percentile(elsewhere, .99), percentile(busy, .99)
		b.ReportMetric(float64(percentile(idle, .5).Microseconds()), "idle-p50-µs")
		b.ReportMetric(float64(percentile(idle, .9).Microseconds()), "idle-p90-µs")
		b.ReportMetric(float64(i99.Microseconds()), "idle-p99-µs")
		b.ReportMetric(float64(e99.Microseconds()), "elsewhere-p99-µs")
		b.ReportMetric(float64(percentile(busy, .5).Microseconds()), "flood-p50-µs")
		b.ReportMetric(float64(percentile(busy, .9).Microseconds()), "flood-p90-µs")
		b.ReportMetric(float64(f99.Microseconds()), "flood-p99-µs")
		b.ReportMetric(float64(f99)/float64(max(i99, 1)), "flood/idle-p99")
		b.ReportMetric(float64(f99)/float64(max(e99, 1)), "flood/elsewhere-p99")
		b.ReportMetric(float64(len(busy)), "rts")
		b.ReportMetric(float64(sent)/phase.Seconds(), "flood-msgs/s")
		b.ReportMetric(float64(accepted)/phase.Seconds(), "flood-accepted/s")
		ts.stop()
	}
}

// floodConfig is the server BenchmarkFloodP99 measures, and the one its
// flooder floods in the phase "elsewhere".
func floodConfig() Config {
	return Config{
		WebSocket: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Stdout: io.Discard,
		RatePerSecond: 100, RateBurst: 200,
		IPRatePerSecond: DefaultIPRate, IPRateBurst: 2 * DefaultIPRate,
		GameRatePerSecond: 200, GameRateBurst: 400,
	}
}

// withFlooder runs play while a flooder process floods target (a server
// of its own when target is ""), and returns the game messages it sent.
func withFlooder(b *testing.B, target string, play func()) (sent int) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestFloodHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "TALE_FLOOD=1", "TALE_FLOOD_URL="+target)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	out := bufio.NewScanner(stdout)
	for out.Scan() && out.Text() != "flooding" {
	}
	play()
	stdin.Close()
	for out.Scan() {
		if n, ok := strings.CutPrefix(out.Text(), "sent "); ok {
			sent, _ = strconv.Atoi(n)
		}
	}
	cmd.Wait()
	return sent
}

// TestFloodHelper is BenchmarkFloodP99's flooder: it floods the server at
// TALE_FLOOD_URL (or one it starts itself) from 127.0.0.2 until stdin
// closes, then prints how many game messages it sent.
func TestFloodHelper(t *testing.T) {
	if os.Getenv("TALE_FLOOD") == "" {
		t.Skip("only run by BenchmarkFloodP99")
	}
	ts := &tserver{url: os.Getenv("TALE_FLOOD_URL")}
	if ts.url == "" {
		srv, err := New(newEchoGame(64, 4096), floodConfig())
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ts = serveWith(t, srv, nil, ln)
	}
	stop := make(chan struct{})
	var sent atomic.Int64
	wg := flood(t, ts, stop, &sent)
	fmt.Println("flooding")
	io.Copy(io.Discard, os.Stdin)
	close(stop)
	wg.Wait()
	fmt.Println("sent", sent.Load())
}

// playFor has each player send a command every 1/15 s (under its
// address's 20) for d and returns the round trips: from sending to reading
// the game's answer to it.
func playFor(b *testing.B, players []*wsc, d time.Duration) []time.Duration {
	const every = time.Second / 15
	lat := make([][]time.Duration, len(players))
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	for i, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := time.Now().Add(time.Duration(i) * every / time.Duration(len(players)))
			for n := 0; time.Now().Before(end); n++ {
				time.Sleep(time.Until(next))
				next = next.Add(every)
				mark := "echo p" + strconv.Itoa(i) + "-" + strconv.Itoa(n) + "!" // "!": p0-1 is not p0-10
				start := time.Now()
				p.conn.SetWriteDeadline(start.Add(waitLimit))
				if err := p.conn.WriteJSON(map[string]any{"cmd": mark}); err != nil {
					b.Error(err)
					return
				}
				for {
					p.conn.SetReadDeadline(time.Now().Add(waitLimit))
					var m msg
					if err := p.conn.ReadJSON(&m); err != nil {
						b.Error(err)
						return
					}
					if m.typ() == "message_error" {
						b.Errorf("a player was refused: %s", m.str("error"))
						return
					}
					if strings.Contains(m.str("text"), mark) {
						break
					}
				}
				lat[i] = append(lat[i], time.Since(start))
			}
		}()
	}
	wg.Wait()
	return slices.Concat(lat...)
}

// flood runs 127.0.0.2's attack until stop is closed; sent counts the
// game messages it sends.
func flood(b testing.TB, ts *tserver, stop <-chan struct{}, sent *atomic.Int64) *sync.WaitGroup {
	attacker := from("127.0.0.2")
	var wg sync.WaitGroup
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}
	// Its connections, up to the cap, each writing commands as fast as it can.
	first, refused := attacker.open(b, ts, "")
	if refused != nil {
		b.Fatal(refused)
	}
	token := first.tokenOf()
	conns := []*wsc{first}
	for len(conns) < DefaultMaxConnsPerIP {
		c, refused := attacker.open(b, ts, "session="+token)
		if refused != nil {
			break
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.drain()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.conn.Close()
			for !stopped() {
				c.conn.SetWriteDeadline(time.Now().Add(waitLimit))
				if c.conn.WriteMessage(websocket.TextMessage, []byte(`{"cmd": "flood"}`)) != nil {
					return
				}
				sent.Add(1)
			}
		}()
	}
	// New connections and new sessions, refused by the caps, over and over.
	wg.Add(1)
	go func() {
		defer wg.Done()
		d := websocket.Dialer{NetDialContext: attacker.dialer().DialContext, HandshakeTimeout: waitLimit}
		for !stopped() {
			if c, _, err := d.Dial(ts.wsURL(""), nil); err == nil {
				c.Close()
			}
		}
	}()
	// And POSTs on its session.
	wg.Add(1)
	go func() {
		defer wg.Done()
		client := attacker.http()
		for !stopped() {
			req, _ := http.NewRequest("POST", ts.url+"/tale/input", strings.NewReader(url.Values{"cmd": {"flood"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				sent.Add(1)
			}
		}
	}()
	return &wg
}
