package remote

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// Bounds on what one server message may make the client keep. The frame
// itself is bounded by readLimit; these stop a small frame from asking
// for a large screen.
const (
	// maxListItems bounds a comma-joined list of the sidebar (exits,
	// items, people): a crowded room names ten (driver), a player's
	// inventory is a few dozen.
	maxListItems = 200
	// maxChoices bounds a menu; nobody reads more than a screen of options.
	maxChoices = 100
	// maxCandidates is the driver's own bound on one completion answer.
	maxCandidates = 100
	// maxField bounds a one-line field (a location, a name, an id).
	maxField = 1024
)

// errNotMessage is a frame that is not one JSON object with a type.
var errNotMessage = errors.New("remote: the server sent something that is not a message")

// serverMsg is every server → client message of docs/protocol.md in one
// shape. Unknown fields are ignored, so a newer server's additions do not
// break an older client.
type serverMsg struct {
	Type string `json:"type"`
	Seq  uint64 `json:"seq"`

	// connected
	Session string `json:"session"`
	Story   struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"story"`
	Mode string `json:"mode"`

	// text
	Text          string   `json:"text"`
	Special       []string `json:"special"`
	Turns         int      `json:"turns"`
	Location      string   `json:"location"`
	LocationImage string   `json:"location_image"`
	NPCs          string   `json:"npcs"`
	Players       string   `json:"players"`
	Items         string   `json:"items"`
	Exits         string   `json:"exits"`
	Inventory     string   `json:"inventory"`
	Score         int      `json:"score"`
	MaxScore      int      `json:"max_score"`
	Clock         string   `json:"clock"`
	HP            int      `json:"hp"`
	MaxHP         int      `json:"max_hp"`
	Level         int      `json:"level"`
	Ending        *struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Won   bool   `json:"won"`
	} `json:"ending"`
	// A model's narration: a text message with special ["narration"].
	Narration *struct {
		ID    uint64 `json:"id"`
		Final bool   `json:"final"`
		Of    string `json:"of"`
	} `json:"narration"`

	// choices
	Prompt  string       `json:"prompt"`
	Choices []tio.Choice `json:"choices"`

	// data (the picture itself is of no use to a terminal: only where it is)
	MIME string `json:"mime"`
	URL  string `json:"url"`
	Alt  string `json:"alt"`

	// completions
	Prefix     string   `json:"prefix"`
	Candidates []string `json:"candidates"`

	// message_error
	Error string `json:"error"`
}

// decodeMessage reads one frame. It fails on anything that is not a JSON
// object with a type; the caller drops such a frame.
func decodeMessage(b []byte) (serverMsg, error) {
	var m serverMsg
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return m, errNotMessage
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Type == "" {
		return serverMsg{}, errNotMessage
	}
	return m, nil
}

// isStream reports whether m belongs to the game's event stream (has a seq).
func (m *serverMsg) isStream() bool {
	return m.Type == "text" || m.Type == "choices" || m.Type == "data"
}

func (m *serverMsg) has(special string) bool { return slices.Contains(m.Special, special) }

// events turns a stream message into the events it stands for. A real
// event (snapshot false) is one message per event of the server's stream,
// as web/render.go writes them, or a state and the text after it when
// special has "state" (folded, web/fold.go); a snapshot message folds the
// whole screen (clear, look, state, and noecho or the ending) into one.
func (m *serverMsg) events(story string, snapshot bool) []tio.Event {
	switch m.Type {
	case "choices":
		return []tio.Event{{Kind: tio.KindChoices, Choices: m.choices()}}
	case "data":
		return []tio.Event{{Kind: tio.KindImage, Image: &tio.Image{
			Path: imagePath(m.URL), MIME: line(m.MIME), Alt: line(m.Alt),
		}}}
	case "text":
		if m.has("narration") {
			return m.narration()
		}
	default:
		return nil
	}
	var evs []tio.Event
	clear := m.has("clear")
	if clear && (snapshot || m.Text == "") {
		evs = append(evs, tio.Event{Kind: tio.KindClear})
	}
	if !snapshot && m.has("state") {
		// A state folded into the text it led (?fold=1): the state
		// first, as the game sent them.
		evs = append(evs, tio.Event{Kind: tio.KindState, State: m.state(story)})
	}
	if m.Text != "" {
		text := toMarkup(m.Text)
		if clear && !snapshot {
			// The <clear> that markup.HTML leaves out, signalled beside it.
			text = "<clear>" + text
		}
		evs = append(evs, tio.Event{Kind: tio.KindText, Text: text})
	}
	if snapshot || len(m.Special) == 0 && m.Text == "" {
		evs = append(evs, tio.Event{Kind: tio.KindState, State: m.state(story)})
	}
	if m.has("noecho") {
		evs = append(evs, tio.Event{Kind: tio.KindNoEcho})
	}
	if m.has("end") {
		end := &tio.Ending{}
		if m.Ending != nil {
			end = &tio.Ending{ID: line(m.Ending.ID), Title: line(m.Ending.Title), Won: m.Ending.Won}
		}
		evs = append(evs, tio.Event{Kind: tio.KindEnd, Ending: end})
	}
	return evs
}

// narration is a narration message as the event the server's game sent,
// for the TUI to stream and mark as it does locally. A final's text is
// paragraphs (toMarkup reads them); a piece's is the inline fragment
// web/render.go's pieceHTML writes, whose edge spaces must survive, as
// the pieces are joined. A message without its narration object is
// nothing a terminal can place, and is dropped.
func (m *serverMsg) narration() []tio.Event {
	n := m.Narration
	if n == nil {
		return nil
	}
	text := pieceMarkup(m.Text)
	if n.Final {
		text = toMarkup(m.Text)
	}
	return []tio.Event{{Kind: tio.KindNarration, Narration: &tio.Narration{
		ID: n.ID, Final: n.Final, Text: text, Of: line(n.Of)}}}
}

// pieceMarkup reads a streamed piece: text with the renderer's entities,
// and <br> for a line break. Every other '<' is a character (the server
// is not trusted to speak markup), control characters are dropped, and
// the result is escaped markup, spaces at its edges kept.
func pieceMarkup(h string) string {
	parts := strings.Split(h, "<br>")
	for i, p := range parts {
		for _, e := range entities {
			if e.char != "&" {
				p = strings.ReplaceAll(p, e.ent, e.char)
			}
		}
		parts[i] = tio.Printable(strings.ReplaceAll(p, "&amp;", "&")) // last: "&amp;lt;" is the text "&lt;"
	}
	return markup.Escape(strings.Join(parts, "\n"))
}

func (m *serverMsg) state(story string) *tio.State {
	return &tio.State{
		Story: story, Location: line(m.Location), LocationImage: imagePath(m.LocationImage),
		Exits: list(m.Exits), Items: list(m.Items), NPCs: list(m.NPCs), Players: list(m.Players),
		Inventory: list(m.Inventory), Turns: m.Turns, Score: m.Score, MaxScore: m.MaxScore,
		Clock: line(m.Clock), HP: m.HP, MaxHP: m.MaxHP, Level: m.Level,
	}
}

// choices is the menu as markup: the server sends plain text, which is
// escaped so that a "<" in it stays a character.
func (m *serverMsg) choices() *tio.Choices {
	c := &tio.Choices{Prompt: markup.Escape(line(m.Prompt))}
	for _, o := range m.Choices[:min(len(m.Choices), maxChoices)] {
		c.Options = append(c.Options, tio.Choice{ID: line(o.ID), Text: markup.Escape(line(o.Text))})
	}
	return c
}

// completions are lines the player may send: cleaned like input.
func (m *serverMsg) completions() []string {
	out := make([]string, 0, min(len(m.Candidates), maxCandidates))
	for _, c := range m.Candidates[:min(len(m.Candidates), maxCandidates)] {
		out = append(out, tio.CleanLine(c))
	}
	return out
}

// line is a one-line field from the server: printable and bounded.
func line(s string) string {
	if len(s) > maxField {
		s = strings.ToValidUTF8(s[:maxField], "")
	}
	return tio.Printable(s)
}

// list splits a comma-joined sidebar list as the server joins it.
func list(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.SplitN(s, ",", maxListItems+1)
	out := make([]string, 0, min(len(parts), maxListItems))
	for _, p := range parts[:min(len(parts), maxListItems)] {
		out = append(out, line(p))
	}
	return out
}

// imagePath turns the server's image URL back into the story-relative
// path a tio.Image carries, or "" for anything else.
func imagePath(u string) string {
	rest, ok := strings.CutPrefix(u, "/tale/images/")
	if !ok {
		return ""
	}
	p, err := url.PathUnescape(rest)
	if err != nil {
		return ""
	}
	return line(p)
}
