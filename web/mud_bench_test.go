package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/driver"
)

// BenchmarkMUD1000 is the shared-world load test: 1,000 players in one
// MUD world of the demo, each sending one command a second over its own
// WebSocket (nine looks to one say), for TALE_BENCH_SECONDS (default 10)
// after a warm-up of benchWarmUp seconds.
// The players live in a child process (this test binary again, as
// TestMUDClientsHelper), so the server's memory and CPU are its own. The
// caps per address are raised: every player comes from 127.0.0.1.
//
//	go test ./web/ -run '^$' -bench MUD1000 -benchtime 1x
//
// TALE_MUD_DEBUG=1 prints p50/p99 for each second of play (the client's
// stderr); TALE_MUD_CPUPROFILE=FILE profiles the server while they play.
//
// rooms=6: the players spread over six rooms as they would play (about
// 170 a room); rooms=1: all in the starting room, the worst case, where
// every say is heard by 999 others. Reported: the round trip of a command
// to the reply's text (p50, p99), and the server's heap and stacks per
// joined player (its connection, seat, driver player and stream).
func BenchmarkMUD1000(b *testing.B) {
	const n = 1000
	secs := 10
	if s, err := strconv.Atoi(os.Getenv("TALE_BENCH_SECONDS")); err == nil && s > 0 {
		secs = s
	}
	raiseFileLimit(b, 2*n+256)
	for _, rooms := range []int{len(benchRooms), 1} {
		b.Run("rooms="+strconv.Itoa(rooms), func(b *testing.B) {
			for range b.N {
				ts := startMUD(b, driver.Options{}, nil)
				before := memNow()
				cmd := exec.Command(os.Args[0], "-test.run=^TestMUDClientsHelper$")
				cmd.Env = append(os.Environ(), "TALE_MUD_URL="+ts.wsURL(""), "TALE_MUD_N="+strconv.Itoa(n),
					"TALE_MUD_ROOMS="+strconv.Itoa(rooms), "TALE_MUD_SECS="+strconv.Itoa(secs))
				cmd.Stderr = os.Stderr
				stdin, _ := cmd.StdinPipe()
				stdout, _ := cmd.StdoutPipe()
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				lines := bufio.NewScanner(stdout)
				var res mudBenchResult
				for lines.Scan() {
					line := lines.Text()
					if line == "joined" {
						b.ReportMetric(float64(memNow()-before)/n, "B/player")
						stopProfile := profilePlay(b)
						defer stopProfile()
						stdin.Write([]byte("go\n"))
					}
					rest, ok := strings.CutPrefix(line, "result ")
					switch {
					case ok:
						if err := json.Unmarshal([]byte(rest), &res); err != nil {
							b.Fatal(err)
						}
					case line != "joined":
						b.Log(line) // the child's failures
					}
				}
				stdin.Close()
				if err := cmd.Wait(); err != nil {
					b.Fatalf("clients: %v", err)
				}
				b.ReportMetric(float64(res.P50), "p50-µs")
				b.ReportMetric(float64(res.P99), "p99-µs")
				b.ReportMetric(float64(res.Max), "max-µs")
				b.ReportMetric(float64(res.Commands), "commands")
				b.ReportMetric(float64(res.Errors), "errors")
			}
		})
	}
}

// benchRooms are six rooms of the demo reachable without a key: the way
// there from the start, and the name its look shows.
var benchRooms = []struct{ path, name string }{
	{"", "The Slipway"},
	{"north", "Cliff Path"},
	{"north,east", "Gull Ledge"},
	{"north,north", "Lighthouse Yard"},
	{"north,north,west", "Cottage"},
	{"north,north,east", "Oil Store"},
}

type mudBenchResult struct {
	P50, P99, Max    int64 // µs
	Commands, Errors int
}

// TestMUDClientsHelper is BenchmarkMUD1000's child process: TALE_MUD_N
// players join, walk to their rooms, print "joined", wait for a line on
// stdin, then each sends a command a second (starts spread over the
// first second) for TALE_MUD_SECS and the process prints the result.
func TestMUDClientsHelper(t *testing.T) {
	u := os.Getenv("TALE_MUD_URL")
	if u == "" {
		t.Skip("only run by BenchmarkMUD1000")
	}
	n, _ := strconv.Atoi(os.Getenv("TALE_MUD_N"))
	rooms, _ := strconv.Atoi(os.Getenv("TALE_MUD_ROOMS"))
	secs, _ := strconv.Atoi(os.Getenv("TALE_MUD_SECS"))
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	lim.Cur = lim.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)

	players := make([]*benchPlayer, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 32) // joins at once: the caps are up, but a burst of 1,000 handshakes is no player's load
	for i := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			p, err := joinBenchPlayer(u, fmt.Sprintf("p%04d", i), benchRooms[i%rooms].path, benchRooms[i%rooms].name)
			if err != nil {
				errs <- fmt.Errorf("player %d: %w", i, err)
				return
			}
			players[i] = p
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	fmt.Println("joined")
	bufio.NewReader(os.Stdin).ReadString('\n')

	lat := make([][]time.Duration, n)
	failed := make([]int, n)
	start := time.Now()
	for i, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			offset := time.Duration(i) * time.Second / time.Duration(n)
			for k := range benchWarmUp + secs {
				time.Sleep(time.Until(start.Add(offset + time.Duration(k)*time.Second)))
				cmd, want := "look", p.room
				if (i+k)%10 == 0 {
					cmd, want = "say hello everyone", "You say:"
				}
				d, err := p.roundTrip(cmd, want)
				if err != nil {
					failed[i]++
					return
				}
				if k >= benchWarmUp {
					lat[i] = append(lat[i], d)
				}
			}
		}()
	}
	wg.Wait()
	if os.Getenv("TALE_MUD_DEBUG") != "" {
		for k := range secs {
			var sec []time.Duration
			for _, l := range lat {
				if k < len(l) {
					sec = append(sec, l[k])
				}
			}
			fmt.Fprintf(os.Stderr, "second %d: p50 %v p99 %v max %v\n", k, percentile(sec, .5), percentile(sec, .99), percentile(sec, 1))
		}
	}
	all := slices.Concat(lat...)
	res := mudBenchResult{P50: percentile(all, .5).Microseconds(), P99: percentile(all, .99).Microseconds(),
		Max: percentile(all, 1).Microseconds(), Commands: len(all)}
	for _, f := range failed {
		res.Errors += f
	}
	out, _ := json.Marshal(res)
	fmt.Println("result " + string(out))
	for _, p := range players {
		p.conn.Close()
	}
}

// benchWarmUp is how many seconds the players play before the round
// trips count: the parent has just forced three collections of a heap of
// a thousand players to measure it, and the first second of load finds
// every buffer and pool cold. The figure is for the steady state.
const benchWarmUp = 2

type benchPlayer struct {
	conn *websocket.Conn
	room string
}

func joinBenchPlayer(u, name, path, room string) (*benchPlayer, error) {
	d := websocket.Dialer{HandshakeTimeout: waitLimit, ReadBufferSize: 1024, WriteBufferSize: 1024}
	c, _, err := d.Dial(u, nil)
	if err != nil {
		return nil, err
	}
	p := &benchPlayer{conn: c, room: room}
	if _, err := p.until("What is your name?"); err != nil {
		return nil, err
	}
	if _, err := p.roundTrip(name, "The Slipway"); err != nil {
		return nil, err
	}
	if path != "" {
		for step := range strings.SplitSeq(path, ",") {
			if _, err := p.roundTrip(step, "Exit"); err != nil { // the look of where it led
				return nil, err
			}
		}
		if _, err := p.roundTrip("look", room); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// roundTrip sends cmd and reads until a text message whose text contains
// want: the reply, behind whatever others did meanwhile.
func (p *benchPlayer) roundTrip(cmd, want string) (time.Duration, error) {
	start := time.Now()
	body, _ := json.Marshal(map[string]string{"cmd": cmd})
	p.conn.SetWriteDeadline(start.Add(waitLimit))
	if err := p.conn.WriteMessage(websocket.TextMessage, body); err != nil {
		return 0, err
	}
	if _, err := p.until(want); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func (p *benchPlayer) until(want string) (string, error) {
	deadline := time.Now().Add(waitLimit)
	for {
		p.conn.SetReadDeadline(deadline)
		_, data, err := p.conn.ReadMessage()
		if err != nil {
			return "", err
		}
		// Not decoded: the clients share the machine with the server, and
		// a say in a full room is a thousand messages to read. The words
		// looked for have nothing JSON would escape.
		if !bytes.HasPrefix(data, []byte(`{"type":"text"`)) {
			continue
		}
		if end := bytes.Index(data, []byte(`"special":`)); end > 0 && bytes.Contains(data[:end], []byte(want)) {
			return string(data[:end]), nil // the text, not the state fields after it
		}
	}
}

// profilePlay writes a CPU profile of the play (not the joining) to
// TALE_MUD_CPUPROFILE, when set.
func profilePlay(b *testing.B) (stop func()) {
	path := os.Getenv("TALE_MUD_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
