package narrate

import (
	"sync"
	"time"
)

const (
	// budgetWindow is the period a player's token budget covers.
	budgetWindow = time.Hour
	// maxBudgetPlayers bounds the players remembered; past it, the ones
	// whose window has ended are forgotten (they would start afresh anyway).
	maxBudgetPlayers = 10000
)

// budget counts each player's tokens (prompt and completion) in a window
// of an hour from their first request. A request is allowed while the
// player has spent less than the limit; it reserves its estimate, and is
// settled to what the server reported when it ends. So a player overshoots
// by at most one request, and concurrent requests cannot all slip in.
// Kept in memory: a restart forgives everyone, which is cheap.
type budget struct {
	mu      sync.Mutex
	limit   int // 0: no limit
	now     func() time.Time
	players map[string]*spend
}

type spend struct {
	start time.Time
	used  int
}

func newBudget(limit int, now func() time.Time) *budget {
	return &budget{limit: limit, now: now, players: make(map[string]*spend)}
}

// reserve takes n tokens for player if the player is under the limit.
func (b *budget) reserve(player string, n int) bool {
	if b.limit <= 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	sp := b.players[player]
	if sp == nil || now.Sub(sp.start) >= budgetWindow {
		if sp == nil && len(b.players) >= maxBudgetPlayers {
			b.forget(now)
		}
		sp = &spend{start: now}
		b.players[player] = sp
	}
	if sp.used >= b.limit {
		return false
	}
	sp.used += n
	return true
}

// settle replaces a reservation with what was spent.
func (b *budget) settle(player string, reserved, spent int) {
	if b.limit <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if sp := b.players[player]; sp != nil {
		sp.used = max(0, sp.used-reserved+spent)
	}
}

// forget drops the players whose window has ended.
func (b *budget) forget(now time.Time) {
	for p, sp := range b.players {
		if now.Sub(sp.start) >= budgetWindow {
			delete(b.players, p)
		}
	}
}

// estimateTokens guesses a token count from bytes (about four bytes a
// token in English), for servers that report no usage.
func estimateTokens(s string) int { return (len(s) + 3) / 4 }
