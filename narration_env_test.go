package main

import (
	"regexp"
	"testing"
)

// envNameRule is the rule isEnvName spells out as a loop.
var envNameRule = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func FuzzIsEnvName(f *testing.F) {
	for _, s := range []string{"TALE_KEY", "_x", "9KEY", "", "sk-abc123", "a", "OPENAI_API_KEY",
		"A123456789012345678901234567890123456789012345678901234567890123",
		"A1234567890123456789012345678901234567890123456789012345678901234", "KEY\n", "ÄKEY", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isEnvName(s), envNameRule.MatchString(s); got != want {
			t.Fatalf("isEnvName(%q) = %v, the rule says %v", s, got, want)
		}
	})
}
