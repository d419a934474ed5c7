package web

import (
	"encoding/base64"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// renderer turns one connection's events into messages. It remembers the
// latest KindState, because every text message carries the sidebar fields
// (as LlamaTale's did); the driver sends a command's state before its
// text, so the text carries the state it belongs to. It is owned by the
// connection's writer goroutine.
type renderer struct {
	state  tio.State
	images *imageCache
	html   *htmlCache // shared by every connection's renderer
	mud    bool       // text messages carry players
}

// event renders one event that is not part of a snapshot.
func (r *renderer) event(ev tio.Event) []*outMsg {
	switch ev.Kind {
	case tio.KindText:
		var special []string
		if markup.HasClear(ev.Text) {
			special = []string{"clear"}
		}
		return []*outMsg{r.text(ev.Seq, r.html.html(ev.Text), special, nil)}
	case tio.KindState:
		if ev.State != nil {
			r.state = *ev.State
		}
		// Text-less: the client updates its sidebar and appends nothing.
		return []*outMsg{r.text(ev.Seq, "", nil, nil)}
	case tio.KindChoices:
		return []*outMsg{r.choices(ev)}
	case tio.KindImage:
		return []*outMsg{r.image(ev)}
	case tio.KindClear:
		return []*outMsg{r.text(ev.Seq, "", []string{"clear"}, nil)}
	case tio.KindNoEcho:
		return []*outMsg{r.text(ev.Seq, "", []string{"noecho"}, nil)}
	case tio.KindEnd:
		return []*outMsg{r.text(ev.Seq, "", []string{"end"}, ev.Ending)}
	}
	return nil
}

// snapshot folds a snapshot group (clear, look, state, and perhaps an open
// menu or the ending) into one full text message, so a fresh or resynced
// tab draws its whole screen from one message; menus and images follow it.
func (r *renderer) snapshot(evs []tio.Event) []*outMsg {
	var (
		seq     uint64
		text    []string
		special []string
		ending  *tio.Ending
		after   []*outMsg
	)
	for _, ev := range evs {
		seq = ev.Seq
		switch ev.Kind {
		case tio.KindClear:
			special = append(special, "clear")
		case tio.KindText:
			text = append(text, r.html.html(ev.Text))
		case tio.KindState:
			if ev.State != nil {
				r.state = *ev.State
			}
		case tio.KindNoEcho:
			special = append(special, "noecho")
		case tio.KindEnd:
			special = append(special, "end")
			ending = ev.Ending
		case tio.KindChoices:
			after = append(after, r.choices(ev))
		case tio.KindImage:
			after = append(after, r.image(ev))
		}
	}
	return append([]*outMsg{r.text(seq, strings.Join(text, "\n"), special, ending)}, after...)
}

func (r *renderer) text(seq uint64, html string, special []string, end *tio.Ending) *outMsg {
	if special == nil {
		special = []string{}
	}
	st := &r.state
	m := textMsg{
		Type: "text", Text: html, Special: special, Seq: seq,
		Turns: st.Turns, Location: st.Location, LocationImage: imageURL(st.LocationImage),
		NPCs: strings.Join(st.NPCs, ","), Items: strings.Join(st.Items, ","), Exits: strings.Join(st.Exits, ","),
		Inventory: strings.Join(st.Inventory, ","), Score: st.Score, MaxScore: st.MaxScore, Clock: st.Clock,
		HP: st.HP, MaxHP: st.MaxHP, Level: st.Level,
	}
	if r.mud {
		players := strings.Join(st.Players, ",")
		m.Players = &players
	}
	if end != nil {
		m.Ending = &endingMsg{ID: end.ID, Title: end.Title, Won: end.Won}
	}
	return encodeStream("text", seq, m)
}

func (r *renderer) choices(ev tio.Event) *outMsg {
	m := choicesMsg{Type: "choices", Choices: []tio.Choice{}, Seq: ev.Seq}
	if c := ev.Choices; c != nil {
		// Menus are plain text (shown with textContent): a button label
		// has no room for paragraphs and styles.
		m.Prompt = markup.Strip(c.Prompt)
		for _, o := range c.Options {
			m.Choices = append(m.Choices, tio.Choice{ID: o.ID, Text: markup.Strip(o.Text)})
		}
	}
	return encodeStream("choices", ev.Seq, m)
}

func (r *renderer) image(ev tio.Event) *outMsg {
	m := dataMsg{Type: "data", Seq: ev.Seq}
	if img := ev.Image; img != nil {
		m.URL, m.Alt, m.MIME = imageURL(img.Path), img.Alt, img.MIME
		if data, typ, ok := r.images.get(img.Path); ok {
			m.Data = data
			if m.MIME == "" {
				m.MIME = typ
			}
		}
	}
	return encodeStream("data", ev.Seq, m)
}

// imageURL is where /tale/images serves a story-relative path.
func imageURL(p string) string {
	if p == "" {
		return ""
	}
	return "/tale/images/" + (&url.URL{Path: p}).EscapedPath()
}

// imageCache keeps base64 images, so ten tabs cost one read and one encoding.
type imageCache struct {
	assets fs.FS
	limit  int64
	mu     sync.Mutex // guards cache; held only for map access
	cache  map[string]cachedImage
}

type cachedImage struct{ data, mime string }

func newImageCache(assets fs.FS, limit int64) *imageCache {
	return &imageCache{assets: assets, limit: limit, cache: map[string]cachedImage{}}
}

// get reads an image from the story folder. A missing, oversized or
// unsafe path gives ok == false; the data message then has only the URL.
func (c *imageCache) get(p string) (data, typ string, ok bool) {
	if c == nil || c.assets == nil || !fs.ValidPath(p) {
		return "", "", false
	}
	c.mu.Lock()
	img, hit := c.cache[p]
	c.mu.Unlock()
	if hit {
		return img.data, img.mime, true
	}
	f, err := c.assets.Open(p)
	if err != nil {
		return "", "", false
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, c.limit+1))
	if err != nil || int64(len(raw)) > c.limit {
		return "", "", false
	}
	img = cachedImage{data: base64.StdEncoding.EncodeToString(raw), mime: mime.TypeByExtension(path.Ext(p))}
	c.mu.Lock()
	c.cache[p] = img
	c.mu.Unlock()
	return img.data, img.mime, true
}
