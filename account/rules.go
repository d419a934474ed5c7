package account

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

// FormError is a rule a form field broke; its text is for the player.
type FormError struct {
	Field string // "name", "password" or "email"
	Msg   string
}

func (e *FormError) Error() string { return e.Msg }

// nameRule is the account name syntax, checked on the ASCII input before
// lower-casing so no Unicode case folding (the Kelvin sign folds to "k")
// can make two spellings of one name.
var nameRule = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{2,15}$`)

// reserved names would impersonate the system or read as a pronoun or a
// target in game commands ("tell everyone", "look at me").
var reserved = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`
		admin administrator root system sysop operator server staff support help
		moderator mod wizard wiz god owner tale guest guests player players
		anyone everyone someone somebody nobody noone all none null nil undefined
		me you self myself yourself here there this that it they them us we
		login logout register signup account accounts api www`) {
		reserved[n] = true
	}
}

// ValidateName checks an account name and returns it lower-cased.
func ValidateName(name string) (string, error) {
	if !nameRule.MatchString(name) {
		return "", &FormError{"name", "A name is 3 to 16 letters and digits, starting with a letter."}
	}
	name = strings.ToLower(name)
	if reserved[name] {
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
