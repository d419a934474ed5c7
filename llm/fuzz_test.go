package llm

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzSSE feeds arbitrary bytes to the stream decoder: it must not panic,
// must not invent text (JSON escapes only shrink), and may only call a
// stream done when [DONE] was sent.
func FuzzSSE(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n"))
	f.Add([]byte("data:{\"choices\":[{\"text\":\"a\\u00e9\"}]}\r\n: keepalive\r\nevent: x\r\ndata: {\"usage\":{\"prompt_tokens\":3}}"))
	f.Add([]byte("data: {\"error\":{\"message\":\"boom\"}}\n"))
	f.Add([]byte("data: {\"choices\":[{\"delta\":{\"content\":\"oops\"\n\ndata: not json\n"))
	f.Add([]byte("data: " + strings.Repeat("x", maxLineBytes+10) + "\ndata: {\"choices\":[{\"delta\":{\"content\":\"after\"}}]}\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		c := &Client{redact: func(s string) string { return s }}
		var res Result
		var pieces int
		err := c.stream(bytes.NewReader(in), &res, func(s string) bool { pieces += len(s); return true })
		if err != nil && err != errLineTooLong {
			if _, ok := err.(*StreamError); !ok {
				t.Fatalf("unexpected error %v", err)
			}
		}
		if len(res.Text) > len(in) || pieces != len(res.Text) {
			t.Fatalf("%d bytes of text from %d bytes of input (%d handed on)", len(res.Text), len(in), pieces)
		}
		if res.Done && !bytes.Contains(in, []byte("[DONE]")) {
			t.Fatal("done without [DONE]")
		}
	})
}
