// Package account owns who a player is: accounts (name rules, argon2id
// password hashes, roles, bans), login sessions, guests (and a MUD guest's
// seat, seats.go), login throttling
// and the first-admin bootstrap. It keeps its rows in a *store.Store and
// knows nothing of HTTP or the game; the web server and `tale admin` call
// it, and map its errors to what a player reads.
//
// # For the web layer
//
//	svc := account.New(st, account.Config{})          // defaults: 30-day sessions, 7-day guests
//	if need, _ := svc.NeedsFirstAdmin(ctx); need { svc.CreateFirstAdmin(ctx, name, pw, "") }
//	acc, err := svc.Register(ctx, name, pw, email)      // *FormError: show err.Error() next to the field
//	l, err := svc.Login(ctx, name, pw, clientIP)        // errors.Is(err, ErrInvalidLogin): show err.Error()
//	    // set l.Token in an HttpOnly, SameSite=Strict cookie (Secure under TLS)
//	acc, sessionID, err := svc.Authenticate(ctx, cookie) // on every request / WebSocket upgrade
//	svc.Logout(ctx, cookie)
//	l, revoked, err := svc.ChangePassword(ctx, acc.ID, old, new, clientIP) // new cookie; close `revoked`
//	revoked, err := svc.Ban(ctx, name)                  // close the connections of `revoked` at once
//	revoked, err := svc.Delete(ctx, acc.ID, password)
//	g, err := svc.NewGuest(ctx); g, err = svc.Guest(ctx, guestCookie)
//	l, err := svc.UpgradeGuest(ctx, guestCookie, name, pw, email, clientIP) // the guest's games move along
//	err = svc.KeepGuestSeat(ctx, world, name, seatToken, ttl); name, err := svc.GuestSeat(ctx, world, seatToken)
//
// Session ids (not tokens) name sessions in lists and in the revoked
// slices: the web hub should index its connections by session id.
//
// # Passwords
//
// Passwords are 8 to 1024 characters of valid UTF-8, NFKC-normalised (so
// "é" typed on two keyboards is one password), and hashed with argon2id at
// the OWASP Password Storage Cheat Sheet's first configuration: 19 MiB of
// memory, 2 passes, 1 lane (see the constants in password.go). The stored
// form is a PHC string ($argon2id$v=19$m=19456,t=2,p=1$salt$hash) carrying
// its own parameters and 128-bit salt, so the cost can rise later while
// old hashes still verify. Comparison is constant-time. A login for an
// unknown name verifies against a dummy hash of the same cost, so the time
// taken does not tell whether the account exists. At most maxHashing
// hashes run at once: each takes 19 MiB, and a login flood must not take
// the server's memory with it.
//
// # Tokens
//
// A session or guest token is 256 random bits, base64url-encoded; the
// store keeps only its SHA-256. A slow hash protects low-entropy secrets
// (passwords) against guessing; a 256-bit random token cannot be guessed
// whatever the hash, and a fast, unsalted hash is what lets the store find
// the session by an index lookup. A stolen database therefore logs nobody
// in.
//
// # Throttling
//
// Failed logins are counted per name (whether or not the account exists,
// so the throttle reveals nothing) and per client address, in memory (a
// restart forgets them; argon2id's cost still bounds guessing). After
// freeFailures failures for a name (freeIPFailures for an address, which
// NAT may share) each further failure locks that key for twice as long as
// the last, from one second up to maxLockout. A locked key is refused
// before any hashing, even with the right password, with the same message
// as any other failure; errors.As(err, **ThrottledError) gives the web
// layer a Retry-After. A successful login clears its name's count.
//
// Every login failure reads "Invalid name or password." A banned account
// gets ErrBanned, but only after its correct password, which tells an
// attacker nothing new.
package account
