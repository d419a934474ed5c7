package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// argon2id parameters: the OWASP Password Storage Cheat Sheet's first
// recommended configuration (m=19 MiB, t=2, p=1), which it gives as the
// minimum; the equivalent trade-offs it lists (46 MiB/t=1, 12 MiB/t=3…)
// cost the same. About 23 ms per hash on one core (BenchmarkHash).
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2         // passes over the memory
	argonThreads = 1         // lanes: one core per login, so logins run side by side
	argonKeyLen  = 32        // bytes of hash: 256 bits, beyond any brute force
	saltLen      = 16        // bytes: 128 random bits, RFC 9106's recommendation
)

var b64 = base64.RawStdEncoding

// hashPassword returns the PHC string of pw under a fresh salt.
func hashPassword(pw string) string {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(norm.NFKC.String(pw)), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// maxStoredMemory bounds the m= of a stored hash, so a corrupt or hostile
// row cannot make one login allocate gigabytes.
const maxStoredMemory = 1 << 20 // KiB: 1 GiB

var errBadHash = errors.New("account: malformed password hash")

// verifyPassword says whether pw matches the PHC string, in time that does
// not depend on where the two differ.
func verifyPassword(pw, phc string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var v int
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > maxStoredMemory || t == 0 || p == 0 {
		return false, errBadHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(norm.NFKC.String(pw)), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
