package narrate_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
)

// BenchmarkSubmit is what a command pays for narration: the same with the
// model instant, slow or hanging, because Submit never waits for it.
//
//	go test -run XXX -bench Submit -benchtime 200000x ./narrate/
func BenchmarkSubmit(b *testing.B) {
	for _, m := range []struct {
		name string
		b    llmtest.Behaviour
	}{
		{"model=0ms", llmtest.Behaviour{Reply: "The blow lands."}},
		{"model=2s", llmtest.Behaviour{Reply: "The blow lands.", Delay: 2 * time.Second}},
		{"model=hanging", llmtest.Behaviour{Hang: true}},
	} {
		b.Run(m.name, func(b *testing.B) {
			r := newRig(b, m.b, nil)
			stop := make(chan struct{})
			defer close(stop)
			go func() { // the loop's drain
				for {
					select {
					case <-r.n.Results():
					case <-stop:
						return
					}
				}
			}()
			reqs := make([]narrate.Request, 1024)
			for i := range reqs {
				reqs[i] = narrate.Request{ID: uint64(i), Player: "p" + strconv.Itoa(i%50), Kind: narrate.Action, Facts: "The troll swings its club at you and misses by an inch (" + strconv.Itoa(i) + ")."}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				r.n.Submit(reqs[i%len(reqs)])
			}
		})
	}
}

// BenchmarkWarmCacheLooks counts the model requests of 100 identical looks
// by different players once the rewrite is cached (the answer: 0).
//
//	go test -run XXX -bench WarmCache ./narrate/
func BenchmarkWarmCacheLooks(b *testing.B) {
	r := newRig(b, llmtest.Behaviour{Reply: "A cellar, damp and patient."}, func(c *narrate.Config) { c.CacheDir = b.TempDir() })
	r.n.Submit(look(0, cellar))
	final(b, r.n, 0)
	before := r.srv.Requests()
	b.ResetTimer()
	for range b.N {
		for p := range 100 {
			r.n.Submit(narrate.Request{ID: 1, Player: "p" + strconv.Itoa(p), Kind: narrate.Room, Facts: cellar})
			<-r.n.Results()
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(r.srv.Requests()-before)/float64(b.N), "requests/100looks")
}
