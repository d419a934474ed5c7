package web

import (
	"math/rand/v2"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestBucketIsRateLimiter: a bucket allows and refuses exactly what a
// rate.Limiter with the same rate and burst does, over random message
// times (bursts, pauses, sub-nanosecond shortfalls).
func TestBucketIsRateLimiter(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	start := time.Now()
	for round := range 300 {
		r := []float64{0, 0.5, 1, 3, 5, 20, 1e9}[rng.IntN(7)]
		burst := rng.IntN(6)
		lim := rate.NewLimiter(rate.Limit(r), burst)
		now := time.Duration(rng.Int64N(int64(time.Hour)))
		lim.AllowN(start.Add(now), 0) // a Limiter starts full at its first use, as a guard at its making
		b := fullBucket(burst, now)
		for i := range 400 {
			switch rng.IntN(4) {
			case 0: // at once
			case 1:
				now += time.Duration(rng.Int64N(int64(time.Second)))
			case 2:
				now += time.Duration(rng.Int64N(int64(10 * time.Millisecond)))
			case 3:
				now += time.Duration(rng.Int64N(3)) // nanoseconds
			}
			want := lim.AllowN(start.Add(now), 1)
			if got := b.take(now, r, burst); got != want {
				t.Fatalf("round %d (rate %v, burst %d), message %d at %v: bucket %v, Limiter %v", round, r, burst, i, now, got, want)
			}
		}
	}
}
