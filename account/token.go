package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// tokenBytes is 256 random bits: a token cannot be guessed, so its SHA-256
// is as safe to store as a slow hash would be (see the package doc).
const tokenBytes = 32

// maxTokenLen bounds what is hashed from a cookie: a real token is 43
// characters; anything much longer is not one.
const maxTokenLen = 128

// newToken returns a fresh token and the hash the store keeps.
func newToken() (token string, hash []byte) {
	b := make([]byte, tokenBytes)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
