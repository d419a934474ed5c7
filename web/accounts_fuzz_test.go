package web

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeAccountForm: any body either decodes to fields of valid UTF-8
// that the body really carries, or is refused with a sentence; never a
// panic, never a field made up or silently dropped.
func FuzzDecodeAccountForm(f *testing.F) {
	for _, seed := range []string{
		"name=alice&password=correct+horse",
		"name=alice&password=a&new_password=b&email=a%40b.c",
		"name=alice&name=bob",
		"nam%zz=1",
		"password=%ff%fe",
		"admin=1",
		"",
		"&&&=",
		"name=" + strings.Repeat("x", 2000),
	} {
		f.Add("application/x-www-form-urlencoded", seed)
	}
	f.Add("application/json", `{"name":"alice"}`)
	f.Fuzz(func(t *testing.T, ctype, body string) {
		form, err := decodeAccountForm(ctype, []byte(body))
		if err != nil {
			if errorSentence(err) == "" {
				t.Fatalf("refused %q with an empty sentence", body)
			}
			return
		}
		for _, v := range []string{form.Name, form.Password, form.NewPassword, form.Email} {
			if !utf8.ValidString(v) {
				t.Fatalf("decoded invalid UTF-8 from %q", body)
			}
		}
		vals, perr := url.ParseQuery(body)
		if perr != nil {
			t.Fatalf("accepted %q, which does not parse: %v", body, perr)
		}
		if vals.Get("password") != form.Password || vals.Get("new_password") != form.NewPassword ||
			strings.TrimSpace(vals.Get("name")) != form.Name || strings.TrimSpace(vals.Get("email")) != form.Email {
			t.Fatalf("%q decoded to %+v", body, form)
		}
	})
}
