package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// The browser client, embedded so the binary is the whole game.
//
//go:embed static
var staticFS embed.FS

// staticFile is an embedded asset with its validator, computed once.
type staticFile struct {
	body  []byte
	etag  string
	ctype string
}

type staticFiles struct{ files map[string]staticFile }

func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		sf.files[strings.TrimPrefix(p, "static/")] = staticFile{
			body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, ctype: ctype,
		}
		return nil
	})
	return sf, err
}

// serveStatic is GET /tale/static/…: embedded assets. The ETag is a hash
// of the content, so a new binary with a changed file is never stale and
// an unchanged one costs a 304.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static.files[r.PathValue("path")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	f.serve(w, r)
}

func (f staticFile) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", f.etag)
	h.Set("Cache-Control", "no-cache") // always revalidate; the 304 is cheap
	if etagMatch(r.Header.Get("If-None-Match"), f.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", f.ctype)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// etagMatch implements If-None-Match's weak comparison over a list.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// serveStory is GET /tale/story: the client page, or a stand-in that says
// the client is missing when the binary was built without it.
func (s *Server) serveStory(w http.ResponseWriter, r *http.Request) {
	if f, ok := s.static.files["story.html"]; ok {
		setPageHeaders(w)
		f.serve(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(placeholderStory))
}

const placeholderStory = `<!doctype html><html lang="en"><meta charset="utf-8"><title>tale</title>
<p>This build of tale has no browser client (web/static/story.html is missing).
The game is running; see <a href="/tale/about">about</a>.</p></html>`

// imageExts are the files /tale/images serves. Nothing else of the story
// folder (its YAML, with every secret of the plot) leaves the server.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

// serveImage is GET /tale/images/<path>: story images from Config.Assets.
// fs.ValidPath refuses "..", absolute and empty segments, so no request
// reaches outside the story folder.
func (s *Server) serveImage(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	if s.cfg.Assets == nil || !fs.ValidPath(p) || !imageExts[strings.ToLower(path.Ext(p))] {
		http.NotFound(w, r)
		return
	}
	// An SVG may carry script; as a sandboxed document it cannot run it.
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, s.cfg.Assets, p)
}
