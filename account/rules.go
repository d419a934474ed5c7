package account

import (
	"net/mail"
	"strings"
	"sync"
	"unicode/utf8"
)

// FormError is a rule a form field broke; its text is for the player.
type FormError struct {
	Field string // "name", "password" or "email"
	Msg   string
}

func (e *FormError) Error() string { return e.Msg }

// Name lengths: short enough for a sidebar and a "who" line.
const (
	minName = 3
	maxName = 16
)

// NameShaped reports whether name has the account name syntax: an ASCII
// letter, then ASCII letters and digits, 3 to 16 in all. It is checked on
// the input before lower-casing so no Unicode case folding (the Kelvin
// sign folds to "k") can make two spellings of one name. A loop, not a
// regexp, so nothing is compiled at start-up.
func NameShaped(name string) bool {
	if len(name) < minName || len(name) > maxName || !asciiLetter(name[0]) {
		return false
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; !asciiLetter(c) && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// reserved names would impersonate the system or read as a pronoun or a
// target in game commands ("tell everyone", "look at me"). Built on first
// use: a console game never checks a name.
var reserved = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`
		admin administrator root system sysop operator server staff support help
		moderator mod wizard wiz god owner tale guest guests player players
		anyone everyone someone somebody nobody noone all none null nil undefined
		me you self myself yourself here there this that it they them us we
		login logout register signup account accounts api www`) {
		m[n] = true
	}
	return m
})

// ValidateName checks an account name and returns it lower-cased.
func ValidateName(name string) (string, error) {
	if !NameShaped(name) {
		return "", &FormError{"name", "A name is 3 to 16 letters and digits, starting with a letter."}
	}
	name = strings.ToLower(name)
	if reserved()[name] {
		return "", &FormError{"name", "That name is reserved. Please choose another."}
	}
	return name, nil
}

// Password length bounds.
const (
	// minPasswordRunes is NIST SP 800-63B's minimum for a chosen password.
	minPasswordRunes = 8
	// maxPasswordBytes bounds what one login makes argon2id read: long
	// enough for any passphrase, short enough that a megabyte "password"
	// costs nothing.
	maxPasswordBytes = 1024
)

// ValidatePassword checks a new password against the length rules.
func ValidatePassword(pw string) error {
	switch {
	case len(pw) > maxPasswordBytes:
		return &FormError{"password", "That password is too long (at most 1024 bytes)."}
	case !utf8.ValidString(pw):
		return &FormError{"password", "That password is not valid text."}
	case utf8.RuneCountInString(pw) < minPasswordRunes:
		return &FormError{"password", "A password has at least 8 characters."}
	}
	return nil
}

// maxEmailBytes is RFC 5321's limit on a forward path.
const maxEmailBytes = 254

// ValidateEmail checks the syntax of an optional e-mail address ("" is
// fine) and returns it trimmed. Only syntax: tale sends no mail.
func ValidateEmail(email string) (string, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return "", nil
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > maxEmailBytes || !strings.Contains(email[strings.LastIndexByte(email, '@'):], ".") {
		return "", &FormError{"email", "That e-mail address does not look right (name@example.org)."}
	}
	return email, nil
}
