package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
)

// clientKind says what a client message asks for.
type clientKind uint8

const (
	msgCommand clientKind = iota + 1
	msgComplete
	msgChoice
	msgPing
)

// clientMessage is a decoded client → server message.
type clientMessage struct {
	kind   clientKind
	cmd    string // msgCommand, msgComplete (the prefix)
	choice string // msgChoice: the choice_id
}

// wireClient is the JSON shape; pointers tell "absent" from "empty".
type wireClient struct {
	Type         *string         `json:"type"`
	Cmd          *string         `json:"cmd"`
	Autocomplete json.RawMessage `json:"autocomplete"`
	Choice       *struct {
		ID   *string `json:"choice_id"`
		Text *string `json:"choice_text"`
	} `json:"choice"`
}

// decodeClientMessage is strict: one JSON object in UTF-8, known fields of
// the right types, nothing after it. Whatever it rejects is answered with a
// message_error and never reaches the game.
func decodeClientMessage(b []byte) (clientMessage, error) {
	if !utf8.Valid(b) {
		return clientMessage{}, ErrInvalidUTF8
	}
	if m, ok := plainMessage(b); ok {
		return m, nil
	}
	return decodeJSONMessage(b)
}

// decodeJSONMessage is decodeClientMessage's general case, for valid UTF-8.
func decodeJSONMessage(b []byte) (clientMessage, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return clientMessage{}, ErrMalformed
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w wireClient
	if err := dec.Decode(&w); err != nil {
		return clientMessage{}, decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return clientMessage{}, ErrMalformed
	}
	typ := ""
	if w.Type != nil {
		typ = *w.Type
	}
	switch typ {
	case "":
		if w.Choice != nil {
			return clientMessage{}, fmt.Errorf("%w: a choice needs \"type\": \"choice\"", ErrWrongField)
		}
		if w.Cmd == nil {
			return clientMessage{}, ErrMissingCmd
		}
		if len(*w.Cmd) > tio.MaxLineBytes {
			return clientMessage{}, fmt.Errorf("%w: at most %d bytes", ErrLineTooLong, tio.MaxLineBytes)
		}
		complete, err := autocompleteFlag(w.Autocomplete)
		if err != nil {
			return clientMessage{}, err
		}
		if complete {
			return clientMessage{kind: msgComplete, cmd: *w.Cmd}, nil
		}
		return clientMessage{kind: msgCommand, cmd: *w.Cmd}, nil
	case "choice":
		if w.Cmd != nil || w.Autocomplete != nil {
			return clientMessage{}, fmt.Errorf("%w: a choice has no cmd", ErrWrongField)
		}
		if w.Choice == nil || w.Choice.ID == nil || *w.Choice.ID == "" {
			return clientMessage{}, ErrMissingChoice
		}
		if len(*w.Choice.ID) > tio.MaxLineBytes {
			return clientMessage{}, fmt.Errorf("%w: the choice_id is too long", ErrWrongField)
		}
		return clientMessage{kind: msgChoice, choice: *w.Choice.ID}, nil
	case "ping":
		if w.Cmd != nil || w.Choice != nil || w.Autocomplete != nil {
			return clientMessage{}, fmt.Errorf("%w: a ping has no other fields", ErrWrongField)
		}
		return clientMessage{kind: msgPing}, nil
	default:
		return clientMessage{}, ErrUnknownType
	}
}

// plainMessage reads the messages nearly every one is, {"cmd": "..."}
// with nothing to unescape and the browser's {"type":"ping"} every 25
// seconds, without the JSON decoder: it took a tenth of a round trip's
// CPU and nine allocations, and its depth grew every reader's stack, for
// good, at a tab's first ping. It reports false for anything else (an
// escape, another key or value, a control character, a command over the
// line limit), which the decoder then reads; where it reports true, the
// decoder would return the same message (FuzzPlainMessage). b is valid
// UTF-8.
func plainMessage(b []byte) (clientMessage, bool) {
	key, value, ok := plainField(b)
	switch {
	case !ok:
	case key == "cmd" && len(value) <= tio.MaxLineBytes:
		return clientMessage{kind: msgCommand, cmd: string(value)}, true
	case key == "type" && string(value) == "ping":
		return clientMessage{kind: msgPing}, true
	}
	return clientMessage{}, false
}

// plainField reads an object of one field whose value is a string with
// nothing to unescape; the key is returned only when it is cmd or type.
func plainField(b []byte) (key string, value []byte, ok bool) {
	i := skipSpace(b, 0)
	if !hasAt(b, i, `{`) {
		return "", nil, false
	}
	i = skipSpace(b, i+1)
	switch {
	case hasAt(b, i, `"cmd"`):
		key = "cmd"
	case hasAt(b, i, `"type"`):
		key = "type"
	default:
		return "", nil, false
	}
	i = skipSpace(b, i+len(key)+2)
	if !hasAt(b, i, `:`) {
		return "", nil, false
	}
	i = skipSpace(b, i+1)
	if !hasAt(b, i, `"`) {
		return "", nil, false
	}
	start := i + 1
	for i = start; i < len(b) && b[i] != '"'; i++ {
		if b[i] == '\\' || b[i] < ' ' {
			return "", nil, false
		}
	}
	if i == len(b) {
		return "", nil, false
	}
	value = b[start:i]
	i = skipSpace(b, i+1)
	if !hasAt(b, i, `}`) || skipSpace(b, i+1) != len(b) {
		return "", nil, false
	}
	return key, value, true
}

// skipSpace is the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

// autocompleteFlag accepts 1 and true (LlamaTale sends 1), 0 and false.
func autocompleteFlag(raw json.RawMessage) (bool, error) {
	switch strings.TrimSpace(string(raw)) {
	case "":
		return false, nil
	case "1", "true":
		return true, nil
	case "0", "false":
		return false, nil
	}
	return false, fmt.Errorf("%w: autocomplete must be 1 or 0", ErrWrongField)
}

func decodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%w: field %q must be %s", ErrWrongField, te.Field, wantedType(te.Field))
	}
	if strings.HasPrefix(err.Error(), "json: unknown field") {
		return fmt.Errorf("%w: %s", ErrWrongField, strings.TrimPrefix(err.Error(), "json: "))
	}
	return ErrMalformed
}

func wantedType(field string) string {
	switch field {
	case "choice":
		return "an object"
	default:
		return "a string"
	}
}

// errorSentence is what a player reads for err: the sentinel's sentence
// with its detail, capitalised and ended with a full stop.
func errorSentence(err error) string {
	s := err.Error()
	if s == "" {
		return "Something went wrong."
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// outMsg is one server → client message, encoded once and shared by every
// connection that sends it.
type outMsg struct {
	typ    string
	seq    uint64
	hasSeq bool // a stream message: SSE gets an id line
	body   []byte
	// shared: the same message goes to several connections of a game
	// (shared.go), and a WebSocket sends it as one prepared frame.
	shared bool
	frame  preparedMsg
	// closeCode, when set, is not sent: the writer closes the connection
	// with it and closeWhy once everything queued before it is written.
	closeCode int
	closeWhy  string
}

// Server → client message shapes (docs/protocol.md).
type (
	connectedMsg struct {
		Type    string    `json:"type"`
		Session string    `json:"session"`
		Seq     uint64    `json:"seq"`
		Last    uint64    `json:"last"` // the game's last seq when the stream opened: a resume has caught up once it has read this far
		Story   storyInfo `json:"story"`
		Mode    string    `json:"mode"`
	}
	storyInfo struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	textMsg struct {
		Type          string     `json:"type"`
		Text          string     `json:"text"`
		Special       []string   `json:"special"`
		Turns         int        `json:"turns"`
		Location      string     `json:"location"`
		LocationImage string     `json:"location_image"`
		NPCs          string     `json:"npcs"`
		Players       *string    `json:"players,omitempty"` // MUD mode only, "" when nobody else is here
		Items         string     `json:"items"`
		Exits         string     `json:"exits"`
		Inventory     string     `json:"inventory"`
		Score         int        `json:"score"`
		MaxScore      int        `json:"max_score"`
		Clock         string     `json:"clock"`
		HP            int        `json:"hp,omitempty"`
		MaxHP         int        `json:"max_hp,omitempty"`
		Level         int        `json:"level,omitempty"`
		Ending        *endingMsg `json:"ending,omitempty"`
		// Narration is set on a model's narration only (narration.go).
		Narration *narrationInfo `json:"narration,omitempty"`
		Seq       uint64         `json:"seq"`
	}
	endingMsg struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Won   bool   `json:"won"`
	}
	choicesMsg struct {
		Type    string       `json:"type"`
		Prompt  string       `json:"prompt"`
		Choices []tio.Choice `json:"choices"`
		Seq     uint64       `json:"seq"`
	}
	dataMsg struct {
		Type string `json:"type"`
		Data string `json:"data"`
		MIME string `json:"mime"`
		URL  string `json:"url"`
		Alt  string `json:"alt"`
		Seq  uint64 `json:"seq"`
	}
	completionsMsg struct {
		Type       string   `json:"type"`
		Prefix     string   `json:"prefix"`
		Candidates []string `json:"candidates"`
	}
	errorMsg struct {
		Type   string `json:"type"`
		Status string `json:"status"`
		Error  string `json:"error"`
	}
	ackMsg struct {
		Status string `json:"status"`
	}
)

func encode(typ string, v any) *outMsg {
	b, err := json.Marshal(v)
	if err != nil {
		// Every shape above marshals; reaching this is a bug worth a loud fix.
		panic(fmt.Sprintf("web: encoding %s: %v", typ, err))
	}
	return &outMsg{typ: typ, body: b}
}

func encodeStream(typ string, seq uint64, v any) *outMsg {
	m := encode(typ, v)
	m.seq, m.hasSeq = seq, true
	return m
}

// pongMsg is written out rather than encoded so the package does no JSON
// work at init (TestFixedBodies checks it is what encode would make).
var pongMsg = &outMsg{typ: "pong", body: []byte(`{"type":"pong"}`)}

// noticeMsg is a server notice: plain text outside the event stream (admin
// replies, broadcasts), shown as a note.
type noticeMsg struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func noticeMessage(text string) *outMsg {
	return encode("notice", noticeMsg{Type: "notice", Text: text})
}

func errorMessage(err error) *outMsg {
	return encode("message_error", errorMsg{Type: "message_error", Status: "error", Error: errorSentence(err)})
}

func completionsMessage(prefix string, candidates []string) *outMsg {
	if candidates == nil {
		candidates = []string{}
	}
	return encode("completions", completionsMsg{Type: "completions", Prefix: prefix, Candidates: candidates})
}
