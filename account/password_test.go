package account

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPasswordHashIsPHCAndVerifies(t *testing.T) {
	h := hashPassword("correct horse")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry its parameters", h)
	}
	for pw, want := range map[string]bool{"correct horse": true, "correct horsE": false, "": false, "correct horse ": false} {
		if ok, err := verifyPassword(pw, h); err != nil || ok != want {
			t.Errorf("verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	if h2 := hashPassword("correct horse"); h2 == h {
		t.Error("two hashes of one password are equal: no fresh salt")
	}
}

func TestPasswordIsNormalised(t *testing.T) {
	h := hashPassword("caf\u00e9 au lait") // é as one code point
	if ok, _ := verifyPassword("cafe\u0301 au lait", h); !ok {
		t.Error("é typed as e + combining accent does not match")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	good := hashPassword("password1")
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=18$" + strings.Join(parts[3:], "$"),
		"$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$" + parts[5], // a gigabyte-eating row
		"$argon2id$v=19$m=19456,t=0,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=19456,t=2,p=1$!!$" + parts[5],
		"$argon2id$v=19$m=19456,t=2,p=1$" + parts[4] + "$",
	} {
		if ok, err := verifyPassword("password1", bad); ok || err == nil {
			t.Errorf("verify against %q = %v, %v; want an error", bad, ok, err)
		}
	}
}

// A stored hash never equals or contains the password, nor its base64,
// for random passwords of every length class.
func TestHashNeverContainsThePassword(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/$=,é"
	for i := range 25 {
		n := 8 + r.IntN(40)
		if i%10 == 0 {
			n = 8 // the shortest are likeliest to appear by chance
		}
		var b strings.Builder
		for b.Len() < n {
			b.WriteRune([]rune(alphabet)[r.IntN(utf8.RuneCountInString(alphabet))])
		}
		pw := b.String()
		h := hashPassword(pw)
		if h == pw || strings.Contains(h, pw) || strings.Contains(h, b64.EncodeToString([]byte(pw))) {
			t.Fatalf("hash %q contains password %q", h, pw)
		}
		if ok, _ := verifyPassword(pw, h); !ok {
			t.Fatalf("password %q does not verify against its hash", pw)
		}
	}
}

// BenchmarkHash is the cost of one login's password check:
//
//	go test -run '^$' -bench Hash ./account/
func BenchmarkHash(b *testing.B) {
	for range b.N {
		hashPassword("correct horse battery staple")
	}
}
