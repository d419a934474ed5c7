package web

import (
	"hash/maphash"
	"sync/atomic"
)

// In a shared world one event text goes to many readers: a say in a room
// of a hundred is the same markup rendered for a hundred connections, each
// on its own writer goroutine. Rendering is a pure function of the text,
// so the writers share what the first of them worked out.

// htmlCacheSlots is how many recent texts are kept: enough for the says,
// arrivals and looks of a busy world's last moment, small enough to be a
// few kilobytes.
const htmlCacheSlots = 256

// htmlCacheMax is the longest text kept: fan-out texts (speech, arrivals)
// are short, and a long description need not push them out.
const htmlCacheMax = 2 << 10

type htmlEntry struct{ markup, html string }

// htmlCache maps markup to textHTML's output, direct-mapped by hash, lock-
// free: a slot is one atomic pointer, and a lost race only costs a render.
type htmlCache struct {
	seed  maphash.Seed
	slots [htmlCacheSlots]atomic.Pointer[htmlEntry]
}

func newHTMLCache() *htmlCache { return &htmlCache{seed: maphash.MakeSeed()} }

// html is textHTML(s), from the cache when a writer rendered it lately.
func (c *htmlCache) html(s string) string {
	if c == nil || len(s) > htmlCacheMax {
		return textHTML(s)
	}
	slot := &c.slots[maphash.String(c.seed, s)%htmlCacheSlots]
	if e := slot.Load(); e != nil && e.markup == s {
		return e.html
	}
	h := textHTML(s)
	slot.Store(&htmlEntry{markup: s, html: h})
	return h
}
