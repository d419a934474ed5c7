package account

import (
	"sync"
	"time"
)

// Login throttle limits (see "Throttling" in the package doc).
const (
	// freeFailures per name: a player mistyping a few times is never
	// locked out.
	freeFailures = 5
	// freeIPFailures per client address: higher, because a school or a
	// carrier's NAT puts many players behind one address.
	freeIPFailures = 20
	// firstLockout is the lock after the last free failure; each further
	// failure doubles it.
	firstLockout = time.Second
	// maxLockout caps the doubling: a player locked out by someone else's
	// guessing can still log in within the quarter hour.
	maxLockout = 15 * time.Minute
	// failureMemory is how long a failure counts: a key quiet for this
	// long starts again from zero.
	failureMemory = time.Hour
	// maxThrottleKeys bounds the table's memory (~100 B a key); beyond it,
	// forgotten keys go first, then arbitrary ones.
	maxThrottleKeys = 100_000
)

// ThrottledError is a login refused because its name or address is
// locked. Its text is the same as every login failure's.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string { return ErrInvalidLogin.Error() }

// Is makes errors.Is(err, ErrInvalidLogin) hold for a throttled login.
func (e *ThrottledError) Is(target error) bool { return target == ErrInvalidLogin }

type failures struct {
	count int
	last  time.Time // the newest failure
	until time.Time // locked until
}

// throttle counts failed logins per key with an exponential lockout.
type throttle struct {
	mu   sync.Mutex
	keys map[string]*failures
}

func newThrottle() *throttle { return &throttle{keys: map[string]*failures{}} }

// check returns a *ThrottledError when key is locked at now.
func (t *throttle) check(key string, now time.Time) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := t.keys[key]; f != nil && now.Before(f.until) {
		return &ThrottledError{RetryAfter: f.until.Sub(now)}
	}
	return nil
}

// fail records a failure of key; free is how many go without a lock.
func (t *throttle) fail(key string, free int, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.keys[key]
	if f == nil || now.Sub(f.last) > failureMemory {
		if f == nil && len(t.keys) >= maxThrottleKeys {
			t.evict(now)
		}
		f = &failures{}
		t.keys[key] = f
	}
	f.count++
	f.last = now
	if over := f.count - free; over >= 0 {
		lock := maxLockout
		if over < 20 { // 2^20 s is far past maxLockout
			lock = min(firstLockout<<over, maxLockout)
		}
		f.until = now.Add(lock)
	}
}

// reset forgets key's failures (a successful login).
func (t *throttle) reset(key string) {
	t.mu.Lock()
	delete(t.keys, key)
	t.mu.Unlock()
}

// evict makes room: keys whose failures no longer count, and when none,
// an arbitrary tenth of the table (Go's map order is random). Called
// with mu held.
func (t *throttle) evict(now time.Time) {
	for k, f := range t.keys {
		if now.Sub(f.last) > failureMemory && !now.Before(f.until) {
			delete(t.keys, k)
		}
	}
	for k := range t.keys {
		if len(t.keys) < maxThrottleKeys*9/10 {
			break
		}
		delete(t.keys, k)
	}
}

func nameKey(name string) string { return "name:" + name }
func ipKey(addr string) string   { return "ip:" + addr }
