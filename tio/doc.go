// Package tio is the contract between the driver loop and its front ends.
//
// The driver emits, per session, an ordered stream of [Event] values, each
// carrying a sequence number. Front ends (the plain console, the Bubble Tea
// TUI, the EventSource and WebSocket bridges) subscribe to that stream,
// render it, and send [Input] back. A front end never touches the world: the
// only door into the game is a [Session].
//
// Concurrency: a Session is safe for use from any goroutine. Event channels
// handed out by Subscribe are written only by the driver loop and are never
// written with a blocking send: a subscriber that does not keep up has its
// channel closed (see [Subscription]) and may subscribe again from the last
// sequence number it saw.
//
// Text in events is markup (see package tio/markup), never pre-rendered
// strings, so every front end renders the same text its own way.
package tio
