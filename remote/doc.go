// Package remote is a tio.Session played over a tale server's WebSocket
// (docs/protocol.md): `tale connect` puts the terminal front ends on it,
// so a game served elsewhere — a MUD, or a remote IF game — plays with
// the same screen as a local one.
//
// A Session owns one connection at a time and a local event stream
// (tio/stream) that the front ends read exactly as they read the driver's.
// What it adds to the protocol, and why:
//
//   - Events. Each stream message of the server is one event of its
//     stream (web/render.go), so text, state, clear, noecho and end come
//     back as the events they were. The text is HTML, which toMarkup turns
//     back into markup (html.go). A snapshot message (a fresh screen or a
//     resync, which repeats the seq) becomes clear, look and state again.
//     Local seqs count the events this client published, from 1 without
//     gaps; the server's seq is kept beside them for resuming.
//
//   - Resume. A dropped connection is redialled with capped exponential
//     backoff and jitter, with ?session=TOKEN&since=SEQ: the server
//     replays exactly what was missed, or sends a resync (clear and the
//     look), which is passed through. Input sent while the connection is
//     down waits in a bounded outbox and goes out on the next one.
//
//   - The barrier (Sync). The server handles a connection's messages in
//     order and hands commands and completions to the game loop in order,
//     but it writes the game's events and its own replies (pong,
//     completions) from two queues, in no fixed order between them: no
//     reply marks the end of a command's output. So Sync asks twice.
//     First a completion request on the same connection: its answer means
//     the loop has run every command sent before it, so their events are
//     published. Then a short probe connection with the same token: its
//     connected message names the server's last seq, which covers them.
//     Sync returns once the main connection has delivered up to that seq.
//     A game nobody has played yet answers a fresh probe with its opening
//     instead (seq 0); there the probe asks ?since=N+1, which the server
//     resumes only when it has an event after N. Sync costs a completion
//     and a connection, so it is made only when input was sent since the
//     last one.
//
//   - Replies. Commands have no answer unless refused; completions and
//     pings always have exactly one. Each command is followed by a ping,
//     so an error before the pong is the command's and every completion
//     answer finds its request. Refusals are shown to the player as text.
//     The client paces what it sends below the server's default rate per
//     connection, so pings are never refused.
//
//   - Distrust. The server is untrusted: frames are bounded (readLimit),
//     unknown or malformed messages are dropped, every one-line field goes
//     through tio.Printable, completions through tio.CleanLine, and text
//     through the strict HTML converter, whose output the markup parser
//     strips of control characters.
package remote
