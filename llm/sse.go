package llm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// errLineTooLong: one SSE line passed maxLineBytes.
var errLineTooLong = errors.New("llm: a stream line is longer than the bound")

// sseReader yields the payload of each "data:" line of a text/event-stream.
//
// One payload per line rather than the spec's multi-line events joined by
// "\n": every server we target sends one JSON object per data line, and a
// server that forgets the blank line between events must not glue two
// chunks into one malformed one. Comments (":"), event:, id: and retry:
// lines are skipped. LF and CR LF end a line; no server we know ends lines
// with a bare CR, so it is not looked for.
type sseReader struct {
	r *bufio.Reader
}

func newSSEReader(r io.Reader) *sseReader {
	return &sseReader{r: bufio.NewReaderSize(r, 4096)}
}

// next returns the next data payload, or io.EOF at the end of the stream,
// errLineTooLong, or the reader's error.
func (s *sseReader) next() ([]byte, error) {
	for {
		line, err := s.line()
		if len(line) > 0 {
			if p, ok := dataPayload(line); ok {
				return p, nil
			}
		}
		if err != nil {
			return nil, err
		}
	}
}

// line reads one line without its terminator. The returned slice is only
// valid until the next call.
func (s *sseReader) line() ([]byte, error) {
	var buf []byte
	for {
		frag, err := s.r.ReadSlice('\n')
		if len(buf)+len(frag) > maxLineBytes {
			s.skipLine(err)
			return nil, errLineTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			buf = append(buf, frag...)
			continue
		}
		if buf != nil {
			frag = append(buf, frag...)
		}
		frag = bytes.TrimRight(frag, "\r\n")
		if err == io.EOF && len(frag) > 0 {
			return frag, nil // a last line without a newline still counts
		}
		return frag, err
	}
}

// skipLine discards the rest of an overlong line.
func (s *sseReader) skipLine(err error) {
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = s.r.ReadSlice('\n')
	}
}

// dataPayload returns the value of a "data:" line (one leading space
// dropped, as the SSE spec says).
func dataPayload(line []byte) ([]byte, bool) {
	p, ok := bytes.CutPrefix(line, []byte("data:"))
	if !ok {
		return nil, false
	}
	p, _ = bytes.CutPrefix(p, []byte(" "))
	return p, true
}

// chunk is what one streamed (or whole) chat-completions object tells us.
type chunk struct {
	text   string
	finish string
	usage  *Usage
	errMsg string // the server reported an error in-band
}

// wireChunk is the subset of a chat.completion(.chunk) object we read.
// "delta" is the streaming field, "message" the whole-reply one, "text" the
// legacy completions one; servers mix them.
type wireChunk struct {
	Choices []struct {
		Delta struct {
			Content *string `json:"content"`
		} `json:"delta"`
		Message struct {
			Content *string `json:"content"`
		} `json:"message"`
		Text         *string `json:"text"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

var errNotObject = errors.New("llm: chunk is not a JSON object")

// parseChunk decodes one payload. Only the first choice counts (we ask
// for one).
func parseChunk(p []byte) (chunk, error) {
	var w wireChunk
	if err := json.Unmarshal(p, &w); err != nil {
		return chunk{}, err
	}
	var c chunk
	if len(w.Error) > 0 && string(w.Error) != "null" {
		c.errMsg = errorMessage(w.Error)
		return c, nil
	}
	if w.Usage != nil {
		c.usage = &Usage{PromptTokens: max(0, w.Usage.PromptTokens), CompletionTokens: max(0, w.Usage.CompletionTokens)}
	}
	if len(w.Choices) > 0 {
		ch := w.Choices[0]
		switch {
		case ch.Delta.Content != nil:
			c.text = *ch.Delta.Content
		case ch.Message.Content != nil:
			c.text = *ch.Message.Content
		case ch.Text != nil:
			c.text = *ch.Text
		}
		if ch.FinishReason != nil {
			c.finish = *ch.FinishReason
		}
	}
	return c, nil
}

// errorMessage reads {"message": …} or a bare string from an error value.
func errorMessage(raw json.RawMessage) string {
	var o struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &o) == nil && o.Message != "" {
		return o.Message
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return s
	}
	return string(raw)
}
