package web

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/tale-if/tale/tio"
)

// The benchmarks compare tale's WebSocket round trip (JSON decode, Send
// into a game loop, the event back through the connection's writer, JSON
// encode) with a bare gorilla echo server measured in the same run.
//
//	go test ./web/ -run '^$' -bench . -benchtime 2000x
//	go test ./web/ -run '^$' -bench Paced1000 (TALE_BENCH_SECONDS, default 10)
//
// Each seat gets its own echo game here, as MUD players would: in IF
// mode one game broadcasts every reply to every tab, which measures
// broadcast, not round trips.

func benchTale(b *testing.B, cfg Config) *tserver {
	b.Helper()
	cfg.WebSocket = true
	unlimited(&cfg)
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Stdout = io.Discard
	srv, err := newServer(cfg, func(string) *game { return &game{Session: newEchoGame(16, 256)} }, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	return serveWith(b, srv, nil, ln)
}

// benchEcho is the baseline: gorilla's echo, with the same buffer sizes.
func benchEcho(b *testing.B) string { return benchEchoOf(b, nil) }

// benchEchoOf is gorilla's echo answering every message with reply (the
// message itself when reply is nil): the same frames as tale's, so that
// the comparison is of the servers, not of the bytes on the wire.
func benchEchoOf(b *testing.B, reply []byte) string {
	b.Helper()
	up := websocket.Upgrader{ReadBufferSize: wsReadBuffer, WriteBufferSize: wsWriteBuffer, WriteBufferPool: &sync.Pool{}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			for {
				t, p, err := c.ReadMessage()
				if reply != nil {
					p = reply
				}
				if err != nil || c.WriteMessage(t, p) != nil {
					return
				}
			}
		}()
	}))
	b.Cleanup(ts.Close)
	return "ws" + strings.TrimPrefix(ts.URL, "http")
}

func raiseFileLimit(b *testing.B, need uint64) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return
	}
	if lim.Cur < need {
		lim.Cur = min(need, lim.Max)
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	if lim.Cur < need {
		b.Skipf("RLIMIT_NOFILE is %d; %d needed", lim.Cur, need)
	}
}

// dialAll opens n connections; for tale it reads the two hello messages.
func dialAll(b *testing.B, u string, n int, tale bool) []*websocket.Conn {
	return dialAllWith(b, u, n, tale, false)
}

func dialAllWith(b *testing.B, u string, n int, tale, deflate bool) []*websocket.Conn {
	b.Helper()
	d := websocket.Dialer{HandshakeTimeout: waitLimit, ReadBufferSize: 1024, WriteBufferSize: 1024, EnableCompression: deflate}
	conns := make([]*websocket.Conn, n)
	for i := range conns {
		c, _, err := d.Dial(u, nil)
		if err != nil {
			b.Fatalf("dial %d: %v", i, err)
		}
		if tale {
			for range 2 { // connected, first screen
				c.SetReadDeadline(time.Now().Add(waitLimit))
				if _, _, err := c.ReadMessage(); err != nil {
					b.Fatal(err)
				}
			}
		}
		conns[i] = c
	}
	b.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	return conns
}

var benchCmd = []byte(`{"cmd": "echo look at the lighthouse"}`)

func roundTrip(c *websocket.Conn) (time.Duration, error) {
	d, _, err := roundTripReply(c)
	return d, err
}

// roundTripReply is roundTrip, with the reply.
func roundTripReply(c *websocket.Conn) (time.Duration, []byte, error) {
	start := time.Now()
	c.SetWriteDeadline(start.Add(waitLimit))
	if err := c.WriteMessage(websocket.TextMessage, benchCmd); err != nil {
		return 0, nil, err
	}
	c.SetReadDeadline(start.Add(waitLimit))
	_, reply, err := c.ReadMessage()
	if err != nil {
		return 0, nil, err
	}
	return time.Since(start), reply, nil
}

// taleReply is tale's reply to benchCmd on c (one frame, state folded in
// or not, as c asked), which the echo references answer with.
func taleReply(b *testing.B, c *websocket.Conn) []byte {
	b.Helper()
	_, reply, err := roundTripReply(c)
	if err != nil {
		b.Fatal(err)
	}
	return reply
}

// closedLoop runs ops round trips spread over conns, each connection
// sending its next command when the last reply is in.
func closedLoop(b *testing.B, conns []*websocket.Conn, ops int) []time.Duration {
	b.Helper()
	return closedLoopSets(b, [][]*websocket.Conn{conns}, ops)[0]
}

// closedLoopPair is closedLoop over tale's connections and the echo
// server's at once. echo may be nil.
func closedLoopPair(b *testing.B, tale, echo []*websocket.Conn, ops int) (tl, el []time.Duration) {
	b.Helper()
	if echo == nil {
		return closedLoop(b, tale, ops), nil
	}
	lat := closedLoopSets(b, [][]*websocket.Conn{tale, echo}, ops)
	return lat[0], lat[1]
}

// closedLoopSets is closedLoop over several servers' connections at once
// (sets[k][i] is server k's i-th connection): worker i sends on
// sets[0][i], then on sets[1][i], and so on, so that every server sees
// the same moments of a busy machine. It returns each server's latencies.
func closedLoopSets(b *testing.B, sets [][]*websocket.Conn, ops int) [][]time.Duration {
	b.Helper()
	n := len(sets[0])
	per := max(ops/n, 1)
	lat := make([][][]time.Duration, len(sets)) // [server][worker]
	for k := range lat {
		lat[k] = make([][]time.Duration, n)
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range per {
				for k, set := range sets {
					d, err := roundTrip(set[i])
					if err != nil {
						errs <- err
						return
					}
					lat[k][i] = append(lat[k][i], d)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	out := make([][]time.Duration, len(sets))
	for k := range lat {
		out[k] = slices.Concat(lat[k]...)
	}
	return out
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(int(float64(len(d))*p), len(d)-1)]
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// micros is d in microseconds, to a tenth: whole ones hide a 10 % change
// at these sizes.
func micros(d time.Duration) float64 { return float64(d/100) / 10 }

func mean(d []time.Duration) time.Duration {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return sum / time.Duration(max(len(d), 1))
}

// BenchmarkRoundTripWS: tale's round trip against two references with
// the same clients in the same run, round trip by round trip, both
// answering each command with the frame tale answers it with: gorilla's
// bare echo (the ratio, "ratio" and the echo-* figures) and the
// same echo through one owner goroutine (benchOwnerEcho, the floor any
// server with one owner of its world pays: "owner-ratio" and owner-*).
func BenchmarkRoundTripWS(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run("clients="+strconv.Itoa(n), func(b *testing.B) {
			raiseFileLimit(b, uint64(6*n+256))
			ts := benchTale(b, Config{})
			tale := dialAll(b, ts.wsURL(""), n, true)
			reply := taleReply(b, tale[0])
			sets := [][]*websocket.Conn{
				tale,
				dialAll(b, benchEchoOf(b, reply), n, false),
				dialAll(b, benchOwnerEchoOf(b, reply), n, false),
			}
			closedLoopSets(b, sets, n) // warm up all three
			b.ResetTimer()
			lat := closedLoopSets(b, sets, b.N)
			b.StopTimer()
			tl, el, ol := lat[0], lat[1], lat[2]
			b.ReportMetric(float64(mean(tl).Microseconds()), "tale-µs/rt")
			b.ReportMetric(float64(mean(el).Microseconds()), "echo-µs/rt")
			b.ReportMetric(float64(mean(tl))/float64(max(mean(el), 1)), "ratio")
			b.ReportMetric(float64(mean(tl))/float64(max(mean(ol), 1)), "owner-ratio")
			// The targets are on p50 and p99.
			b.ReportMetric(float64(percentile(tl, .5))/float64(max(percentile(el, .5), 1)), "p50-ratio")
			b.ReportMetric(float64(percentile(tl, .99))/float64(max(percentile(el, .99), 1)), "p99-ratio")
			b.ReportMetric(float64(percentile(tl, .5))/float64(max(percentile(ol, .5), 1)), "owner-p50-ratio")
			for _, s := range []struct {
				name string
				lat  []time.Duration
			}{{"tale", tl}, {"echo", el}, {"owner", ol}} {
				b.ReportMetric(micros(percentile(s.lat, .5)), s.name+"-p50-µs")
				b.ReportMetric(micros(percentile(s.lat, .99)), s.name+"-p99-µs")
			}
		})
	}
	// CPU per round trip, each server alone in a closed loop: the
	// process's user and system time (the client's share is the same
	// for all three), steadier than latency on a shared machine.
	b.Run("clients=1/cpu", func(b *testing.B) {
		ts := benchTale(b, Config{})
		tale := dialAll(b, ts.wsURL(""), 1, true)[0]
		reply := taleReply(b, tale)
		for _, s := range []struct {
			name string
			conn *websocket.Conn
		}{
			{"tale", tale},
			{"echo", dialAll(b, benchEchoOf(b, reply), 1, false)[0]},
			{"owner", dialAll(b, benchOwnerEchoOf(b, reply), 1, false)[0]},
		} {
			conns := []*websocket.Conn{s.conn}
			closedLoop(b, conns, 100)
			before := cpuTime()
			closedLoop(b, conns, b.N)
			b.ReportMetric(micros((cpuTime()-before)/time.Duration(b.N)), s.name+"-cpu-µs/rt")
		}
	})
	// Browsers offer permessage-deflate, and tale accepts it by default.
	b.Run("clients=1/deflate", func(b *testing.B) {
		ts := benchTale(b, Config{})
		tale := dialAllWith(b, ts.wsURL(""), 1, true, true)
		closedLoop(b, tale, 10)
		b.ResetTimer()
		tl := closedLoop(b, tale, b.N)
		b.StopTimer()
		b.ReportMetric(float64(percentile(tl, .5).Microseconds()), "tale-p50-µs")
		b.ReportMetric(float64(percentile(tl, .99).Microseconds()), "tale-p99-µs")
	})
}

// BenchmarkPaced1000 is the load test: 1,000 clients, each sending one
// command a second (starts spread over the first second) for
// TALE_BENCH_SECONDS, to tale and, right after, to the echo server.
func BenchmarkPaced1000(b *testing.B) {
	const n = 1000
	secs := 10
	if s, err := strconv.Atoi(os.Getenv("TALE_BENCH_SECONDS")); err == nil && s > 0 {
		secs = s
	}
	raiseFileLimit(b, 4*n+256)
	ts := benchTale(b, Config{})
	taleConns := dialAll(b, ts.wsURL(""), n, true)
	echoConns := dialAll(b, benchEcho(b), n, false)
	b.ResetTimer()
	for range b.N {
		tl, el, terr, eerr := paced(taleConns, echoConns, secs)
		b.ReportMetric(float64(percentile(tl, .5).Microseconds()), "tale-p50-µs")
		b.ReportMetric(float64(percentile(tl, .99).Microseconds()), "tale-p99-µs")
		b.ReportMetric(float64(percentile(el, .5).Microseconds()), "echo-p50-µs")
		b.ReportMetric(float64(percentile(el, .99).Microseconds()), "echo-p99-µs")
		b.ReportMetric(float64(len(tl)), "tale-rts")
		b.ReportMetric(float64(terr+eerr), "errors")
	}
}

// paced has each of tale's connections and its echo twin send one
// command a second, the twin right after it, so that both servers are
// measured through the same seconds of a shared machine.
func paced(tale, echo []*websocket.Conn, secs int) (tl, el []time.Duration, terrs, eerrs int) {
	tlat := make([][]time.Duration, len(tale))
	elat := make([][]time.Duration, len(tale))
	var terr, eerr atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range tale {
		wg.Add(1)
		go func() {
			defer wg.Done()
			offset := time.Duration(i) * time.Second / time.Duration(len(tale))
			tOK, eOK := true, true
			for k := range secs {
				time.Sleep(time.Until(start.Add(offset + time.Duration(k)*time.Second)))
				if tOK {
					d, err := roundTrip(tale[i])
					if tOK = err == nil; tOK {
						tlat[i] = append(tlat[i], d)
					} else {
						terr.Add(1)
					}
				}
				if eOK {
					d, err := roundTrip(echo[i])
					if eOK = err == nil; eOK {
						elat[i] = append(elat[i], d)
					} else {
						eerr.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	return slices.Concat(tlat...), slices.Concat(elat...), int(terr.Load()), int(eerr.Load())
}

// BenchmarkRoundTripSSE: a command by POST /tale/input, its reply on the
// EventSource stream.
func BenchmarkRoundTripSSE(b *testing.B) {
	ts := benchTale(b, Config{})
	s := ts.sse(b, "", nil)
	s.hello()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	form := url.Values{"cmd": {"echo look at the lighthouse"}}.Encode()
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		req, _ := http.NewRequest("POST", ts.url+"/tale/input", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: cookieName, Value: s.token})
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		s.next()
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(lat, .5).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(lat, .99).Microseconds()), "p99-µs")
}

// BenchmarkIdleMemory: heap and stacks per idle WebSocket with 1,000
// connected. The clients live in a child process (this test binary
// again), so only the server's side is measured. The game is one IF game
// with tiny subscription buffers: this measures the web layer, not the
// driver's per-subscriber replay channel.
func BenchmarkIdleMemory(b *testing.B) {
	for range b.N {
		idleMemory(b, func() *tserver { return benchTaleIF(b, newEchoGame(1, 7)) })
	}
}

// idleMemory connects idleConns clients to the server serve starts and
// reports what each costs the server, heap and stacks.
func idleMemory(b *testing.B, serve func() *tserver) {
	const n = idleConns
	raiseFileLimit(b, 2*n+256)
	if os.Getenv("TALE_BENCH_HEAPPROFILE") != "" {
		// Every allocation, not one per 512 KiB: a connection's parts are
		// tens of bytes each.
		defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
		runtime.MemProfileRate = 1
	}
	ts := serve()
	before, stackBefore := memNow(), stackNow()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIdleClientsHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "TALE_IDLE_URL="+ts.wsURL(""), "TALE_IDLE_N="+strconv.Itoa(n))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	ready := bufio.NewScanner(stdout)
	for ready.Scan() && ready.Text() != "ready" {
	}
	deadline := time.Now().Add(time.Minute)
	for ws, _ := ts.srv.hub.counts(); ws < n; ws, _ = ts.srv.hub.counts() {
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d clients connected", ws, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Idle: the writers that sent the first screens have lingered
	// (writerLinger) and gone.
	for !noWriters() {
		if time.Now().After(deadline) {
			b.Fatal("the writers of idle connections did not finish")
		}
		time.Sleep(10 * time.Millisecond)
	}
	after, stackAfter := memNow(), stackNow()
	reportIdle(b, after-before, stackAfter-stackBefore, n)
	heapProfile(b)
	if path := os.Getenv("TALE_BENCH_GOROUTINES"); path != "" {
		// Which goroutines an idle connection keeps, and where they wait.
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		pprof.Lookup("goroutine").WriteTo(f, 1)
		f.Close()
	}
	stdin.Close()
	cmd.Wait()
}

// reportIdle reports what n idle connections cost, all and stacks, and
// the heap apart: how large a goroutine's first stack is depends on the
// runtime's average of the stacks it last scanned (adaptivestackstart),
// which differs from run to run and process to process for tale and
// gorilla alike; the heap is what a server's own code decides.
func reportIdle(b *testing.B, total, stack int64, n int) {
	b.ReportMetric(float64(total)/float64(n), "B/conn")
	b.ReportMetric(float64(stack)/float64(n), "stack-B/conn")
	b.ReportMetric(float64(total-stack)/float64(n), "heap-B/conn")
}

// idleConns is how many idle clients the memory benchmarks hold.
const idleConns = 1000

// heapProfile writes the live heap to $TALE_BENCH_HEAPPROFILE, when set:
// where an idle connection's bytes go (go tool pprof -sample_index=inuse_space).
func heapProfile(b *testing.B) {
	path := os.Getenv("TALE_BENCH_HEAPPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}

func benchTaleIF(b *testing.B, g *echoGame) *tserver {
	b.Helper()
	cfg := Config{WebSocket: true}
	unlimited(&cfg) // a thousand connections from one address
	return startServer(b, cfg, g)
}

// benchServe serves sess with WebSockets and no per-address limits (a
// thousand connections from one address), quietly.
func benchServe(b *testing.B, sess tio.Session) *tserver {
	b.Helper()
	cfg := Config{WebSocket: true}
	unlimited(&cfg)
	return serveSession(b, cfg, sess)
}

// stackNow is the goroutine stacks' share of memNow (after its GCs, which
// shrink stacks that grew once).
func stackNow() int64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.StackInuse)
}

func memNow() int64 {
	for range 3 {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}

// TestIdleClientsHelper is BenchmarkIdleMemory's child process: it holds
// TALE_IDLE_N idle connections (reading, as browsers do) until stdin closes.
// With TALE_BENCH_PLAYED=1 each first sends a ping message and reads the
// answer, as a tab that has been used and then left: its server-side
// goroutines have grown their stacks once.
func TestIdleClientsHelper(t *testing.T) {
	u := os.Getenv("TALE_IDLE_URL")
	if u == "" {
		t.Skip("only run by BenchmarkIdleMemory")
	}
	n, _ := strconv.Atoi(os.Getenv("TALE_IDLE_N"))
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	lim.Cur = lim.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	d := websocket.Dialer{EnableCompression: true, HandshakeTimeout: waitLimit}
	for i := range n {
		c, _, err := d.Dial(u, nil)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		go func() {
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
			}
		}()
		if os.Getenv("TALE_BENCH_PLAYED") == "1" {
			c.WriteMessage(websocket.TextMessage, []byte(`{"type": "ping"}`))
		}
	}
	if os.Getenv("TALE_BENCH_PLAYED") == "1" {
		time.Sleep(time.Second) // the answers are read
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
}
