package narrate

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tale-if/tale/internal/atomicfile"
)

const (
	// DefaultCacheEntries bounds the rewrites kept: every room and thing of
	// several stories, times a few models.
	DefaultCacheEntries = 4096
	// DefaultCacheBytes bounds the text kept (in memory and on disk).
	DefaultCacheBytes = 8 << 20
	// cacheMagic starts every cache file, so a stray file is not served.
	cacheMagic = "tale-narration-cache 1\n"
)

// cacheKey names one rewrite: the story and its version, the prompt's
// version, the model, and the prompt itself (which holds the authored
// text and the voice).
func cacheKey(s *Story, model string, k Kind, p prompt) string {
	h := sha256.New()
	for _, part := range []string{"tale narration", strconv.Itoa(PromptVersion), model, s.ID, s.Version, k.String(), p.system, p.user} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cache keeps rewrites in memory, bounded in entries and bytes with the
// least recently used evicted first, and on disk when dir is set: one file
// per entry under a two-hex-digit shard, written atomically (temporary
// file, sync, rename), so a crash leaves either the old state or the new.
// It is loaded whole at start (it is bounded), so a look is a map lookup.
type cache struct {
	mu         sync.Mutex
	dir        string
	maxEntries int
	maxBytes   int
	bytes      int
	lru        *list.List // of *centry, most recent at the front
	byKey      map[string]*list.Element
	warn       func(msg string, args ...any)
}

type centry struct {
	key  string
	text string
}

func newCache(dir string, maxEntries, maxBytes int, warn func(string, ...any)) *cache {
	c := &cache{dir: dir, maxEntries: maxEntries, maxBytes: maxBytes, lru: list.New(), byKey: make(map[string]*list.Element), warn: warn}
	if dir != "" {
		c.load()
	}
	return c
}

// get returns the text for key.
func (c *cache) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return "", false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*centry).text, true
}

// put stores text under key, in memory and on disk, evicting as needed.
func (c *cache) put(key, text string) {
	if len(text) > c.maxBytes {
		return
	}
	c.mu.Lock()
	if el, ok := c.byKey[key]; ok {
		c.lru.MoveToFront(el)
		c.mu.Unlock()
		return
	}
	c.add(key, text)
	evicted := c.evict()
	c.mu.Unlock()
	if c.dir == "" {
		return
	}
	for _, k := range evicted {
		if err := os.Remove(c.path(k)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.warn("narration cache: removing an old entry", "err", err)
		}
	}
	if err := c.write(key, text); err != nil {
		c.warn("narration cache: keeping an entry in memory only", "err", err)
	}
}

func (c *cache) add(key, text string) {
	c.byKey[key] = c.lru.PushFront(&centry{key: key, text: text})
	c.bytes += len(text)
}

// evict drops least recently used entries past the bounds.
func (c *cache) evict() (keys []string) {
	for c.lru.Len() > c.maxEntries || c.bytes > c.maxBytes {
		el := c.lru.Back()
		e := el.Value.(*centry)
		c.lru.Remove(el)
		delete(c.byKey, e.key)
		c.bytes -= len(e.text)
		keys = append(keys, e.key)
	}
	return keys
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

func (c *cache) path(key string) string { return filepath.Join(c.dir, key[:2], key+".txt") }

// write stores one entry atomically.
func (c *cache) write(key, text string) error {
	return atomicfile.Write(c.path(key), []byte(cacheMagic+text), 0o644)
}

// load reads the entries on disk, most recently written first, up to the
// bounds; older ones are removed, and so are leftovers of interrupted
// writes and files that are not cache entries of this format.
func (c *cache) load() {
	type found struct {
		key, path string
		mod       time.Time
	}
	var files []found
	err := filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == c.dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if path != c.dir && filepath.Dir(path) != c.dir {
				return fs.SkipDir // shards are one level deep
			}
			return nil
		}
		name := d.Name()
		if atomicfile.IsTemp(name) {
			os.Remove(path)
			return nil
		}
		key, ok := strings.CutSuffix(name, ".txt")
		if !ok || !isKey(key) || filepath.Base(filepath.Dir(path)) != key[:2] {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > int64(len(cacheMagic)+maxRawBytes) {
			return nil
		}
		files = append(files, found{key, path, info.ModTime()})
		return nil
	})
	if err != nil {
		c.warn("narration cache: reading the cache directory", "dir", c.dir, "err", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].mod.After(files[j].mod) })
	for _, f := range files {
		if c.lru.Len() >= c.maxEntries {
			os.Remove(f.path)
			continue
		}
		data, err := os.ReadFile(f.path)
		text, ok := strings.CutPrefix(string(data), cacheMagic)
		if err != nil || !ok || c.bytes+len(text) > c.maxBytes {
			os.Remove(f.path)
			continue
		}
		// Oldest last: PushBack keeps the newest at the front.
		c.byKey[f.key] = c.lru.PushBack(&centry{key: f.key, text: text})
		c.bytes += len(text)
	}
}

func isKey(s string) bool {
	if len(s) != sha256.Size*2 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}
