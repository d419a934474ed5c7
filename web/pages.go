package web

import (
	"html/template"
	"net/http"
	"sync"

	"github.com/tale-if/tale/tio"
)

// Pages are rendered by html/template, which escapes every story string.
// pages is parsed on first use, not at init: a console game never serves
// a page and should not pay for the parse at start-up.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("title").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Story.Name}}</title><link rel="stylesheet" href="/tale/static/style.css"><link rel="icon" href="/tale/static/favicon.svg" type="image/svg+xml"></head>
<body><main>
<h1>{{.Story.Name}}</h1>
{{with .Story.Author}}<p>by {{.}}</p>{{end}}
{{with .Story.Version}}<p>version {{.}}</p>{{end}}
<p><a href="/tale/story">{{if eq .Mode "mud"}}Join the game{{else}}Start playing{{end}}</a></p>
{{if .Hosted}}<p><a href="/tale/account" id="account">Log in or create an account</a> to keep your game on any device.</p>{{end}}
<p><small><a href="/tale/about">about</a></small></p>
</main></body></html>
{{define "about"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>About — {{.Story.Name}}</title><link rel="stylesheet" href="/tale/static/style.css"><link rel="icon" href="/tale/static/favicon.svg" type="image/svg+xml"></head>
<body><main>
<h1>About</h1>
<dl>
<dt>Story</dt><dd>{{.Story.Name}}{{with .Story.Version}} {{.}}{{end}}{{with .Story.Author}} by {{.}}{{end}}</dd>
{{with .Story.License}}<dt>License</dt><dd>{{.}}</dd>{{end}}
<dt>Mode</dt><dd>{{.Mode}}</dd>
<dt>Connected players</dt><dd id="players">{{.Players}}</dd>
</dl>
<p><a href="/tale/">back</a></p>
</main></body></html>{{end}}`))
})

// pageData is what the pages show: the story and who plays it. Nothing
// about the server (versions, uptime, connections) is for players; an
// operator has /metrics and the log.
type pageData struct {
	Story   struct{ Name, Author, Version, License string }
	Mode    string
	Players int
	Hosted  bool // each visitor their own game: the account page exists
}

func (s *Server) pageData() pageData {
	var d pageData
	var info tio.StoryInfo
	switch {
	case s.world != nil:
		info = s.world.Info()
	case s.ifGame != nil:
		info = s.ifGame.Info()
	case s.hosting != nil:
		info = s.hosting.Info
	}
	d.Hosted = s.hosting != nil
	if info.Name != "" {
		d.Story.Name, d.Story.Author, d.Story.Version, d.Story.License = info.Name, info.Author, info.Version, info.License
		d.Mode = modeOf(info)
	}
	return d
}

// serveTitle is GET /tale/: the title page.
func (s *Server) serveTitle(w http.ResponseWriter, r *http.Request) {
	s.render(w, "title", s.pageData())
}

// serveAbout is GET /tale/about: the story and how many play it. A player
// is a session with at least one open connection.
func (s *Server) serveAbout(w http.ResponseWriter, r *http.Request) {
	d := s.pageData()
	d.Players = s.hub.players()
	s.render(w, "about", d)
}

func (s *Server) render(w http.ResponseWriter, name string, d pageData) {
	setPageHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if err := pages().ExecuteTemplate(w, name, d); err != nil {
		s.log.Error("page failed", "page", name, "err", err)
	}
}

// pagePolicy allows only the server's own scripts, styles and sockets. The
// client has no inline script or style, so even text that slipped past
// escaping could not run; images may also be data: URLs (the data message).
const pagePolicy = "default-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// setPageHeaders marks a response as one of our HTML pages.
func setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", pagePolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
}
