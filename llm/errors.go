package llm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tale-if/tale/tio"
)

// ErrEmpty: the server answered but sent no text.
var ErrEmpty = errors.New("llm: the reply has no text")

// ErrTimeout: the request passed its deadline (a slow or hanging server).
var ErrTimeout = errors.New("llm: no complete reply before the deadline")

// StatusError is a non-2xx reply. Body is the start of what the server
// sent, printable, with the API key removed.
type StatusError struct {
	Status int
	Body   string
}

func (e *StatusError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("llm: server answered %d", e.Status)
	}
	return fmt.Sprintf("llm: server answered %d: %s", e.Status, e.Body)
}

// StreamError is an error object the server sent inside a 2xx reply.
type StreamError struct{ Message string }

func (e *StreamError) Error() string { return "llm: server reported: " + e.Message }

// wrap turns a transport error into one line that names the cause, with
// the key redacted (a URL in a net/http error is ours and holds none, but
// a proxy's message could echo a header).
func (c *Client) wrap(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%s)", ErrTimeout, c.cfg.Timeout)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("llm: cancelled: %w", context.Canceled)
	}
	return fmt.Errorf("llm: %s", printable(c.redact(err.Error())))
}

// printable makes server-sent text safe for one log line, and short.
func printable(s string) string {
	s = strings.TrimSpace(tio.Printable(s))
	if len(s) > maxErrorBody {
		s = strings.ToValidUTF8(s[:maxErrorBody], "") + "…"
	}
	return s
}
