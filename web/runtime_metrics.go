package web

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

// writeRuntime writes the Go runtime's series under the names the
// Prometheus client's Go collector gave them, so dashboards built on
// those keep working.
func writeRuntime(e *expo) {
	gc := debug.GCStats{PauseQuantiles: make([]time.Duration, 5)}
	debug.ReadGCStats(&gc)
	e.family("go_gc_duration_seconds", "summary", "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.")
	for i, q := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		e.sample("go_gc_duration_seconds", gc.PauseQuantiles[i].Seconds(), "quantile", q)
	}
	e.sample("go_gc_duration_seconds_sum", gc.PauseTotal.Seconds())
	e.sample("go_gc_duration_seconds_count", float64(gc.NumGC))

	e.single("go_gc_gogc_percent", "gauge", "Heap size target percentage configured by the user, otherwise 100 (GOGC).", gogc())
	e.single("go_gc_gomemlimit_bytes", "gauge", "Go runtime memory limit configured by the user, otherwise math.MaxInt64 (GOMEMLIMIT).", float64(debug.SetMemoryLimit(-1)))
	e.single("go_goroutines", "gauge", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	e.family("go_info", "gauge", "Information about the Go environment.")
	e.sample("go_info", 1, "version", runtime.Version())

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	for _, m := range []struct {
		name, typ, help string
		v               uint64
	}{
		{"alloc_bytes", "gauge", "Number of bytes allocated in heap and currently in use.", ms.Alloc},
		{"alloc_bytes_total", "counter", "Total number of bytes allocated in heap until now, even if released already.", ms.TotalAlloc},
		{"buck_hash_sys_bytes", "gauge", "Number of bytes used by the profiling bucket hash table.", ms.BuckHashSys},
		{"frees_total", "counter", "Total number of heap objects frees.", ms.Frees},
		{"gc_sys_bytes", "gauge", "Number of bytes used for garbage collection system metadata.", ms.GCSys},
		{"heap_alloc_bytes", "gauge", "Number of heap bytes allocated and currently in use, same as go_memstats_alloc_bytes.", ms.HeapAlloc},
		{"heap_idle_bytes", "gauge", "Number of heap bytes waiting to be used.", ms.HeapIdle},
		{"heap_inuse_bytes", "gauge", "Number of heap bytes that are in use.", ms.HeapInuse},
		{"heap_objects", "gauge", "Number of currently allocated objects.", ms.HeapObjects},
		{"heap_released_bytes", "gauge", "Number of heap bytes released to OS.", ms.HeapReleased},
		{"heap_sys_bytes", "gauge", "Number of heap bytes obtained from system.", ms.HeapSys},
		{"mallocs_total", "counter", "Total number of heap objects allocated, both live and gc-ed.", ms.Mallocs},
		{"mcache_inuse_bytes", "gauge", "Number of bytes in use by mcache structures.", ms.MCacheInuse},
		{"mcache_sys_bytes", "gauge", "Number of bytes used for mcache structures obtained from system.", ms.MCacheSys},
		{"mspan_inuse_bytes", "gauge", "Number of bytes in use by mspan structures.", ms.MSpanInuse},
		{"mspan_sys_bytes", "gauge", "Number of bytes used for mspan structures obtained from system.", ms.MSpanSys},
		{"next_gc_bytes", "gauge", "Number of heap bytes when next garbage collection will take place.", ms.NextGC},
		{"other_sys_bytes", "gauge", "Number of bytes used for other system allocations.", ms.OtherSys},
		{"stack_inuse_bytes", "gauge", "Number of bytes in use by the stack allocator.", ms.StackInuse},
		{"stack_sys_bytes", "gauge", "Number of bytes obtained from system for stack allocator.", ms.StackSys},
		{"sys_bytes", "gauge", "Number of bytes obtained from system.", ms.Sys},
	} {
		e.single("go_memstats_"+m.name, m.typ, m.help, float64(m.v))
	}
	e.single("go_memstats_last_gc_time_seconds", "gauge", "Number of seconds since 1970 of last garbage collection.", float64(ms.LastGC)/1e9)
	e.single("go_sched_gomaxprocs_threads", "gauge", "The current runtime.GOMAXPROCS setting.", float64(runtime.GOMAXPROCS(0)))
	threads, _ := runtime.ThreadCreateProfile(nil)
	e.single("go_threads", "gauge", "Number of OS threads created.", float64(threads))
}

// gogc is the GC's percentage as GOGC sets it (-1: off). It is read from
// the environment because tale never changes it, and runtime/metrics,
// which would report it, builds its whole table at package init: a cost
// every start would pay for a scrape only a server answers.
func gogc() float64 {
	switch v := os.Getenv("GOGC"); v {
	case "":
		return 100
	case "off":
		return -1
	default:
		n, err := strconv.ParseInt(v, 10, 32) // as the runtime reads it
		if err != nil {
			return 100 // the runtime ignores a GOGC it cannot read
		}
		return float64(max(n, -1)) // and takes any negative one as off
	}
}
