package web

import (
	"compress/flate"
	"errors"
	"io"
	"sync"
)

// With permessage-deflate, gorilla's read limit counts the bytes on the
// wire: 61 KB of deflated zeros pass it and inflate to 60 MiB. So a message
// is read through inflate, which stops one byte past ReadLimit of inflated
// text; the rest is never inflated. No message then costs more than
// ReadLimit plus the inflater's window (32 KiB, pooled by gorilla).
var (
	// errInflatedTooBig is a message whose inflated size is over the read limit.
	errInflatedTooBig = errors.New("websocket: message over the read limit once inflated")
	// errBadDeflate is compressed data that does not inflate.
	errBadDeflate = errors.New("websocket: invalid compressed data")
)

// readBufs lend each read a buffer of ReadLimit+1 bytes for the time it
// takes, so an idle connection holds none.
type readBufs struct {
	size int
	pool sync.Pool
}

func newReadBufs(limit int64) *readBufs {
	b := &readBufs{size: int(limit) + 1}
	b.pool.New = func() any { buf := make([]byte, b.size); return &buf }
	return b
}

// inflate reads one message from r (gorilla's reader: inflating when the
// frame is compressed) into buf, one of readBufs', and returns its bytes,
// or errInflatedTooBig as soon as buf holds one byte more than the read
// limit. The caller decodes the message (copying its strings) before it
// returns buf: a message is never copied whole.
func inflate(r io.Reader, buf []byte) ([]byte, error) {
	n := 0
	for {
		m, err := r.Read(buf[n:])
		n += m
		switch {
		case n == len(buf):
			return nil, errInflatedTooBig
		case err == nil:
		case err == io.EOF:
			return buf[:n], nil
		case inflateFailed(err):
			return nil, errBadDeflate
		default:
			return nil, err
		}
	}
}

// inflateFailed tells a broken deflate stream from a failed connection.
// gorilla reports a connection that ends mid-message as a *CloseError,
// never as a bare io.ErrUnexpectedEOF: only the inflater returns that, for
// a stream cut short.
func inflateFailed(err error) bool {
	var corrupt flate.CorruptInputError
	var internal flate.InternalError
	return err == io.ErrUnexpectedEOF || errors.As(err, &corrupt) || errors.As(err, &internal)
}
