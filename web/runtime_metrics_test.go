package web

import "testing"

// go_gc_gogc_percent says what the runtime does with GOGC: off and any
// negative value turn the GC off (-1), a value it cannot read as a 32-bit
// number leaves the default.
func TestGOGCAsTheRuntimeReadsIt(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want float64
	}{
		{"", 100}, {"50", 50}, {"off", -1}, {"-5", -1}, {"5000000000", 100}, {"x", 100},
	} {
		t.Setenv("GOGC", tc.env)
		if got := gogc(); got != tc.want {
			t.Errorf("GOGC=%q: %v, want %v", tc.env, got, tc.want)
		}
	}
}
