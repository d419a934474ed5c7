package web

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// BenchmarkBroadcastWS is one game read by N tabs (--shared, or the tabs
// of one browser): a command from one of them, timed until every tab has
// the reply. The reference is gorilla's chat hub broadcasting the same
// frame to N connections with a PreparedMessage, in the same run, the two
// alternating command by command.
//
//	go test ./web/ -run '^$' -bench BroadcastWS -benchtime 200x
func BenchmarkBroadcastWS(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run("tabs="+strconv.Itoa(n), func(b *testing.B) {
			raiseFileLimit(b, uint64(4*n+256))
			ts := benchTaleIF(b, newEchoGame(16, 256))
			tale := newFanout(b, dialAll(b, ts.wsURL(""), n, true))
			hub := newFanout(b, dialAll(b, benchHub(b), n, false))
			tale.send(b) // warm up both
			hub.send(b)
			var tl, el []time.Duration
			b.ResetTimer()
			for range b.N {
				tl = append(tl, tale.send(b))
				el = append(el, hub.send(b))
			}
			b.StopTimer()
			b.ReportMetric(float64(percentile(tl, .5).Microseconds()), "tale-p50-µs")
			b.ReportMetric(float64(percentile(tl, .99).Microseconds()), "tale-p99-µs")
			b.ReportMetric(float64(percentile(el, .5).Microseconds()), "hub-p50-µs")
			b.ReportMetric(float64(percentile(el, .99).Microseconds()), "hub-p99-µs")
			b.ReportMetric(float64(mean(tl))/float64(max(mean(el), 1)), "ratio")
		})
	}
}

// fanout reads every connection and says when all have one more message.
type fanout struct {
	conns []*websocket.Conn
	got   sync.WaitGroup
	errs  chan error
}

func newFanout(b *testing.B, conns []*websocket.Conn) *fanout {
	f := &fanout{conns: conns, errs: make(chan error, len(conns))}
	for _, c := range conns {
		go func() {
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					f.errs <- err
					return
				}
				f.got.Done()
			}
		}()
	}
	return f
}

// send sends a command from the first connection and waits until every
// connection has read a message.
func (f *fanout) send(b *testing.B) time.Duration {
	f.got.Add(len(f.conns))
	start := time.Now()
	if err := f.conns[0].WriteMessage(websocket.TextMessage, benchCmd); err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() { f.got.Wait(); close(done) }()
	select {
	case <-done:
	case err := <-f.errs:
		b.Fatal(err)
	case <-time.After(waitLimit):
		b.Fatal("a connection did not get the broadcast in time")
	}
	return time.Since(start)
}

// benchHub is gorilla's chat example: a hub goroutine hands each message
// to every connection's writer, as one PreparedMessage.
func benchHub(b *testing.B) string {
	b.Helper()
	up := websocket.Upgrader{ReadBufferSize: wsReadBuffer, WriteBufferSize: wsWriteBuffer, WriteBufferPool: &sync.Pool{}}
	var mu sync.Mutex
	sends := map[chan *websocket.PreparedMessage]struct{}{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Registered before the handshake's answer, so that a client whose
		// dial has returned gets every later broadcast.
		send := make(chan *websocket.PreparedMessage, 256)
		mu.Lock()
		sends[send] = struct{}{}
		mu.Unlock()
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			mu.Lock()
			delete(sends, send)
			mu.Unlock()
			return
		}
		go func() {
			for pm := range send {
				if c.WritePreparedMessage(pm) != nil {
					return
				}
			}
		}()
		go func() {
			defer c.Close()
			for {
				_, p, err := c.ReadMessage()
				if err != nil {
					return
				}
				pm, _ := websocket.NewPreparedMessage(websocket.TextMessage, p)
				mu.Lock()
				for s := range sends {
					s <- pm
				}
				mu.Unlock()
			}
		}()
	}))
	b.Cleanup(ts.Close)
	return "ws" + strings.TrimPrefix(ts.URL, "http")
}
