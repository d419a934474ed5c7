package account

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValidateName(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"ann", "ann", true},
		{"Ann", "ann", true},
		{"BOB42", "bob42", true},
		{"a23456789012345b", "a23456789012345b", true}, // 16
		{"ab", "", false},                              // too short
		{"a234567890123456b", "", false},               // 17
		{"4ann", "", false},                            // starts with a digit
		{"an n", "", false},
		{"ann_", "", false},
		{"\u212Aann", "", false}, // Kelvin sign: lower-cases to k, still refused
		{"ännа", "", false},
		{"", "", false},
		{"Admin", "", false}, // reserved, any case
		{"everyone", "", false},
		{"guest", "", false},
		{"tale", "", false},
		{"root", "", false},
	} {
		got, err := ValidateName(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ValidateName(%q) = %q, %v; want %q, ok=%v", c.in, got, err, c.want, c.ok)
		}
		var fe *FormError
		if err != nil && (!errors.As(err, &fe) || fe.Field != "name") {
			t.Errorf("ValidateName(%q): %v is not a name FormError", c.in, err)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"12345678", true},
		{"1234567", false},
		{"éééééééé", true}, // 8 characters, 16 bytes
		{"ééééééé", false}, // 7 characters, 14 bytes: counted in characters
		{strings.Repeat("x", 1024), true},
		{strings.Repeat("x", 1025), false},
		{"abcdefg\xff", false}, // not UTF-8
		{"", false},
	} {
		if err := ValidatePassword(c.in); (err == nil) != c.ok {
			t.Errorf("ValidatePassword(%.20q…) = %v, want ok=%v", c.in, err, c.ok)
		}
	}
}

func TestValidateEmail(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"  ", "", true},
		{"ann@example.org", "ann@example.org", true},
		{" ann@example.org ", "ann@example.org", true},
		{"ann", "", false},
		{"ann@localhost", "", false},
		{"Ann <ann@example.org>", "", false},
		{"ann@example.org, bob@example.org", "", false},
		{strings.Repeat("a", 250) + "@x.org", "", false},
	} {
		got, err := ValidateEmail(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ValidateEmail(%q) = %q, %v; want %q ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

var nameSyntax = regexp.MustCompile(`^[a-z][a-z0-9]{2,15}$`)

func FuzzValidateName(f *testing.F) {
	for _, s := range []string{"ann", "Admin", "\u212Aann", "a23456789012345b", "", "ab\x00c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ValidateName(in)
		if err != nil {
			if got != "" {
				t.Fatalf("refused %q but returned %q", in, got)
			}
			return
		}
		if !nameSyntax.MatchString(got) || reserved()[got] || !strings.EqualFold(got, in) {
			t.Fatalf("ValidateName(%q) accepted %q", in, got)
		}
		if again, err := ValidateName(got); err != nil || again != got {
			t.Fatalf("a valid name %q is not stable: %q, %v", got, again, err)
		}
	})
}

func FuzzValidatePassword(f *testing.F) {
	for _, s := range []string{"12345678", "1234567", "éééééééé", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		err := ValidatePassword(in)
		want := utf8.ValidString(in) && utf8.RuneCountInString(in) >= minPasswordRunes && len(in) <= maxPasswordBytes
		if (err == nil) != want {
			t.Fatalf("ValidatePassword(%q) = %v, want ok=%v", in, err, want)
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"", "ann@example.org", "a@b", "Ann <a@b.c>", "\"a b\"@c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ValidateEmail(in)
		if err != nil {
			return
		}
		if len(got) > maxEmailBytes || strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("ValidateEmail(%q) accepted %q", in, got)
		}
	})
}

// nameRule is the syntax NameShaped spells out as a loop.
var nameRule = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{2,15}$`)

func FuzzNameShaped(f *testing.F) {
	for _, s := range []string{"ann", "an", "a23456789012345b", "a234567890123456c", "9ann", "_ann", "ann_",
		"Ann9", "\u212Aann", "an\u00e9", "ab\x00c", "", "ZzZ", "a b", "a-b", "a@[", "`ab", "ab{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := NameShaped(in), nameRule.MatchString(in); got != want {
			t.Fatalf("NameShaped(%q) = %v, the rule says %v", in, got, want)
		}
	})
}
