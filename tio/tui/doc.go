// Package tui is the full-screen terminal front end: a Bubble Tea program
// that drives one tio.Session and renders its events.
//
// # Who owns what
//
// The model is touched only by Bubble Tea's event loop (Update and View).
// The session's event stream reaches it through one Cmd at a time
// (waitForEvent): the Cmd blocks on the subscription channel, returns the
// events it finds as one message, and Update arms the next one. So events
// are handled in sequence order, nothing blocks the driver, and no goroutine
// but Bubble Tea's calls into the model. Input goes the other way through an
// outbox drained by one Send at a time, so commands reach the driver in the
// order they were typed.
//
// The scrollback keeps the markup of every event, never rendered lines, so
// a resize reflows the whole story. Rendered paragraphs are cached per
// width, and the viewport is handed only a window of recent lines, so the
// cost of a keystroke or a new event does not grow with the length of the
// story.
//
// Command history lives in DataDir/history/<story id>.txt: appended as each
// command is sent (so a closed terminal loses nothing) and rewritten
// atomically, cut to its bound, at exit. Secret lines never reach it.
//
// # Alt-screen or inline
//
// Run uses the alternate screen when Options.AltScreen is set (main sets
// it). The story pane, the status bar and the menus are ours to lay out,
// scroll and reflow; tea.Println, the one way to write into the terminal's
// own scrollback, prints nothing while the alternate screen is active, and
// an inline program that repaints a full-height frame leaves a smeared
// history behind it anyway. With AltScreen unset the same frame is drawn
// inline, which is handy for recording a session; the story is then not in
// the terminal's scrollback either.
//
// Mouse reporting is on so the wheel scrolls the story; most terminals
// still select text with Shift held down.
package tui
