package web

import (
	"errors"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"sync"
)

// accountPage is the hosted mode's account page: plain HTML forms that
// work without the client script, with password inputs the browser hides
// and its password manager fills.
// accountPage is parsed on first use, not at init: a console game never
// serves it and should not pay for the parse at start-up.
var accountPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("account").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your account — {{.Story}}</title><link rel="stylesheet" href="/tale/static/style.css"><link rel="icon" href="/tale/static/favicon.svg" type="image/svg+xml"></head>
<body><main class="account">
<h1>Your account</h1>
{{with .Message}}<p id="message" role="status">{{.}}</p>{{end}}
{{if .Name}}
<p id="who">You are logged in as <b>{{.Name}}</b>{{if .Admin}} (admin){{end}}.</p>
<form method="post" action="/tale/account/logout" id="logout"><button type="submit">Log out</button></form>
<h2>Change your password</h2>
<form method="post" action="/tale/account/password" id="password">
<label>Current password <input type="password" name="password" autocomplete="current-password" required></label>
<label>New password <input type="password" name="new_password" autocomplete="new-password" minlength="8" required></label>
<button type="submit">Change password</button></form>
<h2>Delete your account</h2>
<form method="post" action="/tale/account/delete" id="delete">
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Delete my account and its games</button></form>
{{else}}
<p id="who">You are playing as a guest{{if .Registration}}: create an account to keep your game{{end}}.</p>
<h2>Log in</h2>
<form method="post" action="/tale/account/login" id="login">
<label>Name <input name="name" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button></form>
{{if .Registration}}<h2>Create an account</h2>
<form method="post" action="/tale/account/create" id="create">
<label>Name <input name="name" autocomplete="username" pattern="[a-z][a-z0-9]{2,15}" required></label>
<label>Password <input type="password" name="password" autocomplete="new-password" minlength="8" required></label>
<label>E-mail (optional) <input type="email" name="email" autocomplete="email"></label>
<button type="submit">Create account</button></form>{{end}}
{{end}}
<p><a href="/tale/story" id="play">Play</a></p>
</main></body></html>`))
})

type accountPageData struct {
	Story, Message, Name string
	Admin, Registration  bool
}

func (s *Server) serveAccountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccountPage(w, r, http.StatusOK, "")
}

func (s *Server) renderAccountPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	id := identityOf(r)
	d := accountPageData{Story: s.hosting.Info.Name, Message: msg, Registration: s.hosting.Registration}
	if id.authSession != "" {
		d.Name, d.Admin = id.account.Name, id.account.Role == "admin"
	}
	setPageHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := accountPage().Execute(w, d); err != nil {
		s.log.Error("account page failed", "err", err)
	}
}

// readBounded reads a request body of at most limit bytes.
func readBounded(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
}

// parseQueryStrict is url.ParseQuery refusing what a form never sends: a
// key or value that does not unescape (ParseQuery would skip it silently
// and the form would lose a field).
func parseQueryStrict(body string) (url.Values, error) {
	v, err := url.ParseQuery(body)
	if err != nil {
		return nil, errMalformedForm
	}
	return v, nil
}

var errMalformedForm = errors.New("the form is not valid URL encoding")
