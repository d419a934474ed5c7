package web

import (
	"fmt"
	"testing"
)

// The cache gives what rendering gives, whichever texts share a slot and
// in whatever order they come back.
func TestHTMLCacheIsRendering(t *testing.T) {
	c := newHTMLCache()
	var texts []string
	for i := range 3 * htmlCacheSlots { // more texts than slots: some share one
		texts = append(texts, fmt.Sprintf("<player>P%d</player> says: “hello <b>%d</b>”", i, i))
	}
	long := string(make([]byte, htmlCacheMax+1))
	texts = append(texts, long)
	for round := range 2 {
		for _, s := range texts {
			if got, want := c.html(s), textHTML(s); got != want {
				t.Fatalf("round %d: %q rendered as %q, want %q", round, s, got, want)
			}
		}
	}
}
