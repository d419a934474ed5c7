package web

import (
	"encoding/base64"
	"html"
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
	// state is the latest state event's own: a published event is read by
	// every reader of the stream and never changed (driver's status), and
	// a copy of one was 224 of a connection's bytes. nil before the first.
	state    *tio.State
	stateVer uint64 // which state it is, for messages shared between connections (shared.go)
	images   *imageCache
	html     *htmlCache // shared by every connection's renderer
	looks    *lookCache // shared too; nil: none
	mud      bool       // text messages carry players
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
		r.take(ev)
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
	case tio.KindNarration:
		if ev.Narration != nil {
			return []*outMsg{r.narration(ev.Seq, ev.Narration)}
		}
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
				r.state = r.looks.share(ev.State)
				r.stateVer = stateVersion(ev.Seq, true)
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
		case tio.KindNarration:
			// Left out: a fresh tab sees the authored text, which is the
			// whole game; the model's retelling of it belongs to the moment.
		}
	}
	return append([]*outMsg{r.text(seq, strings.Join(text, "\n"), special, ending)}, after...)
}

// noState is what a text message carries before any state came.
var noState tio.State

func (r *renderer) text(seq uint64, html string, special []string, end *tio.Ending) *outMsg {
	m := r.textMsg(html, special, end)
	m.Seq = seq
	return textOut(m)
}

// textOut is a text message's outMsg, encoded by appendJSON.
func textOut(m *textMsg) *outMsg {
	return &outMsg{typ: "text", seq: m.Seq, hasSeq: true, body: m.appendJSON(make([]byte, 0, textMsgRoom+len(m.Text)))}
}

// textMsgRoom is the room a text message's body is made with beyond its
// text: the keys and a room's sidebar, so appendJSON rarely grows it.
const textMsgRoom = 320

// textMsg is a text message with the latest state the connection has
// seen: every text message carries it (docs/protocol.md), so a client that
// reads its sidebar from any text message is never blanked.
func (r *renderer) textMsg(html string, special []string, end *tio.Ending) *textMsg {
	if special == nil {
		special = []string{}
	}
	st := r.state
	if st == nil {
		st = &noState
	}
	m := &textMsg{
		Type: "text", Text: html, Special: special,
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
	return m
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

// A narration (tio.Narration: a language model's retelling of what was
// just shown) goes out as a text message with special ["narration"] and a
// narration object, so a client that knows it can stream it into one
// place and one that does not still shows words. docs/protocol.md has the
// contract.

// narrationSpecial marks a text message as a model's narration.
var narrationSpecial = []string{"narration"}

// narrationInfo is the narration object of such a text message.
type narrationInfo struct {
	ID    uint64 `json:"id"`
	Final bool   `json:"final"`
	Of    string `json:"of"`
}

// narration renders one narration event. A final's text is paragraphs
// (markup.HTML, like any story text), to replace what was shown of it. A
// piece's is an inline fragment, to append: rendered as paragraphs, the
// space at a piece's edge would be trimmed ("the cat" + "sat") and each
// piece would be a paragraph of its own.
func (r *renderer) narration(seq uint64, n *tio.Narration) *outMsg {
	text := pieceHTML(n.Text)
	if n.Final {
		text = r.html.html(n.Text)
	}
	m := r.textMsg(text, narrationSpecial, nil)
	m.Seq = seq
	m.Narration = &narrationInfo{ID: n.ID, Final: n.Final, Of: n.Of}
	return textOut(m)
}

// markupUnescaper undoes markup.Escape, the only markup a narration's
// text holds (the driver's narrator escapes the model's words).
var markupUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// pieceHTML is a streamed piece of narration as HTML to append inside a
// paragraph: its characters escaped as they are, every space kept, a
// paragraph break (a blank line) as two line breaks and a lone newline
// as the space markup makes of it. Anything that looks like a tag is shown
// as its characters: the piece is treated as text, whatever it holds.
func pieceHTML(piece string) string {
	text := html.EscapeString(markupUnescaper.Replace(piece))
	text = strings.ReplaceAll(text, "\n\n", "<br><br>")
	return strings.ReplaceAll(text, "\n", " ")
}
