package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkAppend measures one durable journal append (a committed
// transaction) and reports its p50 and p99 latency besides ns/op:
//
//	go test -run '^$' -bench Append -benchtime 3000x ./store/
func BenchmarkAppend(b *testing.B) {
	for _, c := range []struct {
		name string
		o    Options
	}{{"normal", Options{}}, {"powersafe", Options{PowerSafe: true}}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := OpenSQLite(ctx, b.TempDir(), c.o)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			g := newGame(b, s)
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				start := time.Now()
				err := s.Append(ctx, g.ID, Entry{N: int64(i + 1), Kind: Line, Text: fmt.Sprint("take the lamp ", i)})
				lat = append(lat, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
		})
	}
}
