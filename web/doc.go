// Package web is the browser bridge: an HTTP server that plays one
// tio.Session over two transports carrying the same JSON messages — a
// WebSocket (/tale/ws) and the pair EventSource stream (/tale/eventsource)
// plus POST /tale/input. docs/protocol.md is the protocol for client
// authors; this comment is for people changing the server.
//
// # Who owns what
//
// The hub (hub.go) owns every connection and every seat (a session token
// and the game it plays). One goroutine, hub.run, touches those maps;
// everything else sends it closures and waits for them, so the maps need
// no mutex. The hub never writes to the network.
//
// Each connection is a client (client.go) with one writer goroutine,
// client.run, the only goroutine that writes to its peer. It reads the
// connection's own tio.Subscription (in IF mode every connection subscribes
// to the one game, which broadcasts to all subscribers), its bounded send
// queue (replies, and hub broadcasts for a future MUD mode) and a
// heartbeat ticker. A WebSocket also has one reader goroutine (readPump in
// client_ws.go), the only one that reads; an EventSource stream has none,
// its input arrives as separate POST requests.
//
// # Hosted mode
//
// NewHosted (hosted.go) serves a game per visitor from a host.Host: the
// seat is per owner (an account, or a guest kept by a cookie) and is found
// by the request's cookies (identify), not by a token. A stream holds its
// owner's game while it is open (holdGame, released with the
// connection); the POST and GET routes hold it for the request. Account
// forms are accounts.go, the account page account_page.go, and the @
// admin commands admin.go: they act on accounts and connections, which
// the driver knows nothing of, so the web layer answers them before the
// game sees the line. hub.closeWhere tells connections why they end
// (take-over, logout, ban) before closing them. NewMUDWithAccounts
// (mud_accounts.go) brings the same accounts to MUD mode: an account's
// seat is found by its cookie and joined under the account's name.
//
// # Never waiting for a client
//
// Nothing that serves more than one client ever blocks on one: the game
// hands events to subscriptions without waiting (and cuts off a reader
// whose buffer is full), client.enqueue evicts a connection whose queue is
// full, and every write has a deadline (Config.WriteWait), so a peer that
// stops reading costs its own goroutines at most that long. An evicted or
// dropped client reconnects with the last seq it saw and loses nothing the
// game still buffers.
//
// # What a client may spend
//
// Every route that touches the game first checks Host and Origin
// (origin.go). Then limits.go bounds what one client address and one game
// can spend: connections and new sessions per address, messages per
// address and per game, on top of each connection's own rate (ratelimit.go).
// Its table of addresses has a mutex, not a goroutine like the hub: it is
// consulted on every request and every game message, and nothing slow
// happens under the lock. A WebSocket message is inflated only up to the
// read limit (wsread.go).
//
// # Shutdown
//
// When the context given to Serve ends, the server stops accepting, closes
// every WebSocket with 1001 and ends every EventSource stream, waits for
// the connection goroutines (each bounded by WriteWait) and returns nil.
// Calls into the game use the server's own context, which ends last, so
// input sent just before the signal still reaches the game.
package web
