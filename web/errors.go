package web

import "errors"

// Errors a client can cause. Each text is the sentence a player reads in a
// message_error, so it says what went wrong and, where it helps, what to do.
var (
	// ErrMalformed is a message that is not one JSON object.
	ErrMalformed = errors.New("the message is not a JSON object")
	// ErrInvalidUTF8 is a message with bytes that are not UTF-8 text.
	ErrInvalidUTF8 = errors.New("the message is not valid UTF-8 text")
	// ErrUnknownType is a message whose type the server does not know.
	ErrUnknownType = errors.New("the message type is unknown; send a cmd, a choice or a ping")
	// ErrWrongField is a known field with a value of the wrong kind, or a field the protocol does not have.
	ErrWrongField = errors.New("a field of the message has the wrong type or is not part of the protocol")
	// ErrMissingCmd is a message with neither a type nor a cmd.
	ErrMissingCmd = errors.New("the message has no cmd")
	// ErrMissingChoice is a choice message without a choice_id.
	ErrMissingChoice = errors.New("the choice has no choice_id")
	// ErrLineTooLong is a command longer than tio.MaxLineBytes.
	ErrLineTooLong = errors.New("the command is too long")
	// ErrBinary is a binary WebSocket frame; the protocol is JSON text.
	ErrBinary = errors.New("binary frames are not part of the protocol; send JSON text")
	// ErrRateLimited is a client sending faster than the rate limit.
	ErrRateLimited = errors.New("too many messages: slow down, this one was ignored")
	// ErrNoSession is an input request without a known session token.
	ErrNoSession = errors.New("no game session: open the game page first")
	// ErrTooSlow is a request body that did not arrive within the read timeout.
	ErrTooSlow = errors.New("the message arrived too slowly; send it again")
	// ErrTooLarge is a request body over the read limit.
	ErrTooLarge = errors.New("the message is too large")
	// ErrInternal is a failure inside the server (a bug); the game goes on.
	ErrInternal = errors.New("the server failed to handle that message; the game goes on")
	// ErrGameOver is input for a session whose game loop has stopped.
	ErrGameOver = errors.New("the game has ended")
	// ErrNoPlayer is a choice from a MUD seat whose player has not joined yet.
	ErrNoPlayer = errors.New("you are not in the game yet: type your name and press Enter")
	// ErrBusy is input the game loop did not take in time.
	ErrBusy = errors.New("the game is busy; try again")
	// ErrShuttingDown is a connection or request refused while the server stops.
	ErrShuttingDown = errors.New("the server is shutting down")
	// ErrUnknownHost is a request whose Host header is not a name the server answers to.
	ErrUnknownHost = errors.New("this server does not answer to that name; its operator can add the name with --public-host")
	// ErrForeignOrigin is a request from a page of another site.
	ErrForeignOrigin = errors.New("pages from another site cannot play here")
	// ErrServerFull is a connection over Config.MaxConns, or from a new address while the table of addresses is full.
	ErrServerFull = errors.New("the server is full; try again later")
	// ErrTooManyConns is a connection over Config.MaxConnsPerIP.
	ErrTooManyConns = errors.New("too many connections from your address; close a tab or try again later")
	// ErrTooManySessions is a new session over Config.NewSessionsPerIP.
	ErrTooManySessions = errors.New("too many new sessions from your address; try again in a minute")
	// ErrAddressRateLimited is a game message over Config.IPRatePerSecond.
	ErrAddressRateLimited = errors.New("too many messages from your address: slow down, this one was ignored")
	// ErrGameRateLimited is a game message over Config.GameRatePerSecond.
	ErrGameRateLimited = errors.New("the game is taking too many commands right now: this one was ignored, try again in a moment")
	// ErrMetricsToken is a /metrics request without the bearer token the server requires.
	ErrMetricsToken = errors.New("the metrics need the bearer token the server was started with")
	// ErrMetricsLocal is a /metrics request from another machine, or relayed by a proxy.
	ErrMetricsLocal = errors.New("the metrics are served to this machine only; see --metrics-addr and --metrics-token")
	// ErrTooManyAccountConns is a connection over Config.MaxConnsPerAccount.
	ErrTooManyAccountConns = errors.New("your account has too many connections open; close a tab or log out elsewhere")
	// ErrTakenOver closes the connections of an account that logged in again elsewhere.
	ErrTakenOver = errors.New("You have logged in elsewhere.")
	// ErrLoggedOut closes the connections of a session that logged out or whose password changed.
	ErrLoggedOut = errors.New("You have been logged out; log in again to go on playing.")
	// ErrBanned closes the connections of an account an admin banned.
	ErrBanned = errors.New("Your account has been banned.")
	// ErrKicked closes the connections of an account an admin kicked.
	ErrKicked = errors.New("An admin has disconnected you.")
	// ErrAccountDeleted closes the connections of a deleted account.
	ErrAccountDeleted = errors.New("This account has been deleted.")
	// ErrTLSConfig is a certificate without a key or the other way round.
	ErrTLSConfig = errors.New("TLS needs both a certificate and a key")
)
