package driver

import (
	"regexp"
	"strings"
	"testing"
)

// The hand-written check accepts exactly the names the regexp it
// replaced did: a save name can still never leave the saves folder.
func TestSaveNameMatchesTheOldRegexp(t *testing.T) {
	old := regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	names := []string{"", "a", "quick", "my-save_2", "Z9", strings.Repeat("a", 64), strings.Repeat("a", 65),
		"../x", "a/b", "a.b", "a b", "a\x00", "é", "a\n", ".", "..", "-", "_", "save\\x", "ÿ"}
	for c := range 256 {
		names = append(names, string(rune(c)), "ok"+string([]byte{byte(c)}))
	}
	for _, n := range names {
		if got, want := validSaveName(n), old.MatchString(n); got != want {
			t.Errorf("%q: valid %v, the regexp said %v", n, got, want)
		}
	}
}
