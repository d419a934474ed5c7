package web

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestDecodeClientMessage(t *testing.T) {
	good := []struct {
		in   string
		want clientMessage
	}{
		{`{"cmd": "look around"}`, clientMessage{kind: msgCommand, cmd: "look around"}},
		{`{"cmd": ""}`, clientMessage{kind: msgCommand}},
		{` {"cmd": "lo", "autocomplete": 1} `, clientMessage{kind: msgComplete, cmd: "lo"}},
		{`{"cmd": "lo", "autocomplete": true}`, clientMessage{kind: msgComplete, cmd: "lo"}},
		{`{"cmd": "lo", "autocomplete": 0}`, clientMessage{kind: msgCommand, cmd: "lo"}},
		{`{"type": "choice", "choice": {"choice_id": "2", "choice_text": "Ask about the key"}}`, clientMessage{kind: msgChoice, choice: "2"}},
		{`{"type": "choice", "choice": {"choice_id": "2"}}`, clientMessage{kind: msgChoice, choice: "2"}},
		{`{"type": "ping"}`, clientMessage{kind: msgPing}},
	}
	for _, tc := range good {
		got, err := decodeClientMessage([]byte(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	bad := []struct {
		in   string
		want error
	}{
		{``, ErrMalformed},
		{`null`, ErrMalformed},
		{`"look"`, ErrMalformed},
		{`{"cmd": "a"} {"cmd": "b"}`, ErrMalformed},
		{`{"cmd": "a"}x`, ErrMalformed},
		{"{\"cmd\": \"\xff\"}", ErrInvalidUTF8},
		{`{}`, ErrMissingCmd},
		{`{"type": ""}`, ErrMissingCmd},
		{`{"cmd": null}`, ErrMissingCmd},
		{`{"cmd": ["look"]}`, ErrWrongField},
		{`{"cmd": "lo", "autocomplete": "yes"}`, ErrWrongField},
		{`{"type": 1}`, ErrWrongField},
		{`{"type": "choice"}`, ErrMissingChoice},
		{`{"type": "choice", "choice": {"choice_id": 2}}`, ErrWrongField},
		{`{"type": "choice", "choice": {"choice_id": ""}}`, ErrMissingChoice},
		{`{"type": "choice", "choice": {"id": "2"}}`, ErrWrongField},
		{`{"choice": {"choice_id": "2"}}`, ErrWrongField},
		{`{"type": "ping", "cmd": "x"}`, ErrWrongField},
		{`{"type": "pong"}`, ErrUnknownType},
		{`{"cmd": "` + string(make([]byte, 5000)) + `"}`, ErrMalformed}, // NUL bytes are not valid in a JSON string
	}
	for _, tc := range bad {
		if _, err := decodeClientMessage([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%.60q: error %v, want %v", tc.in, err, tc.want)
		}
	}
	long := `{"cmd": "` + string(repeat('x', 5000)) + `"}`
	if _, err := decodeClientMessage([]byte(long)); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("a 5000-byte command: %v, want ErrLineTooLong", err)
	}
}

func repeat(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// FuzzDecodeClientMessage: any input decodes to a valid message or a
// sentinel error with a readable sentence, never a panic.
func FuzzDecodeClientMessage(f *testing.F) {
	for _, s := range []string{
		`{"cmd": "look"}`, `{"cmd": "lo", "autocomplete": 1}`, `{"type": "ping"}`,
		`{"type": "choice", "choice": {"choice_id": "2", "choice_text": "x"}}`,
		`{"cmd": 1}`, `[]`, "{\"cmd\": \"\xc3\"}", `{"cmd":"a","cmd":"b"}`,
	} {
		f.Add([]byte(s))
	}
	sentinels := []error{ErrMalformed, ErrInvalidUTF8, ErrUnknownType, ErrWrongField, ErrMissingCmd, ErrMissingChoice, ErrLineTooLong}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeClientMessage(b)
		if err != nil {
			known := false
			for _, s := range sentinels {
				known = known || errors.Is(err, s)
			}
			if !known {
				t.Fatalf("%q: error %v is not one of the protocol's", b, err)
			}
			if s := errorSentence(err); !utf8.ValidString(s) || s == "" {
				t.Fatalf("unreadable sentence %q", s)
			}
			return
		}
		if !utf8.Valid(b) {
			t.Fatalf("%q: invalid UTF-8 accepted", b)
		}
		switch m.kind {
		case msgCommand, msgComplete:
			if len(m.cmd) > 4096 || !utf8.ValidString(m.cmd) {
				t.Fatalf("%q: cmd %q passed", b, m.cmd)
			}
		case msgChoice:
			if m.choice == "" {
				t.Fatalf("%q: empty choice passed", b)
			}
		case msgPing:
		default:
			t.Fatalf("%q: kind %d", b, m.kind)
		}
	})
}

// FuzzPlainMessage: wherever the fast path reads a message, the JSON
// decoder reads the same message from it.
func FuzzPlainMessage(f *testing.F) {
	for _, s := range []string{
		`{"cmd": "look"}`, ` {"cmd":"take lamp"} `, `{"cmd": ""}`, `{"cmd": "a\"b"}`, `{"cmd": "é <b>"}`,
		`{"cmd": "a", "cmd": "b"}`, `{"CMD": "x"}`, `{"cmd": "x"}}`, "{\"cmd\": \"\t\"}", `{"cmd" : "x" }` + "\n",
		"\v{\"cmd\": \"x\"}", `{"cmd": "\u2028"}`, `{"type":"ping"}`, `{ "type" : "ping" }`, `{"type":"pong"}`,
		`{"type":"choice"}`, `{"TYPE":"ping"}`, `{"type":"ping","cmd":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return // decodeClientMessage refuses it before either reads it
		}
		got, ok := plainMessage(b)
		if !ok {
			return
		}
		want, err := decodeJSONMessage(b)
		if err != nil || got != want {
			t.Fatalf("%q: the fast path read %+v, the decoder %+v, %v", b, got, want, err)
		}
	})
}

// TestPlainMessageTakesTheCommonMessages: the fast path does read what
// clients send most (else FuzzPlainMessage would hold of a path never
// taken), and leaves the rest to the decoder.
func TestPlainMessageTakesTheCommonMessages(t *testing.T) {
	for _, in := range []string{`{"cmd": "look at the lighthouse"}`, `{"cmd":"x"}`, " {\"cmd\" :\t\"take lamp\" }\n", `{"type":"ping"}`} {
		if _, ok := plainMessage([]byte(in)); !ok {
			t.Errorf("%q: not read by the fast path", in)
		}
	}
	for _, in := range []string{`{"cmd": "a\"b"}`, `{"cmd": "a", "autocomplete": 1}`, `{"type": "pong"}`, `{"cmd": "x"} x`, `{"cmd": "` + string(repeat('x', 5000)) + `"}`} {
		if _, ok := plainMessage([]byte(in)); ok {
			t.Errorf("%.40q: read by the fast path", in)
		}
	}
}
