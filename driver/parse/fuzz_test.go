package parse

import "testing"

// FuzzParse feeds any bytes to a parser with history, as a player typing
// nonsense would: it must never panic, and every line gets exactly one of
// a command, a question or an error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"take lamp", "take all but key and box", "put key in box then n", `say "hi. there`,
		"'hello", "keeper, hello", "oops lamp", "g", "x it", "smile hap at wren", "“quoted”",
		"take key", "brass", "take", "lamp", "\xff\xfe", ",,,", ". . .", "give keeper lamp",
		"ask about", "push on", "go to", "all", "take all from", "o", "then then",
	} {
		f.Add(s, "take key")
	}
	f.Fuzz(func(t *testing.T, first, line string) {
		p := New()
		for _, l := range []string{first, line, line, "again", "oops " + first} {
			r := p.Parse(l, room())
			n := 0
			if r.Command != nil {
				n++
				if r.Command.Verb == "" {
					t.Fatalf("%q: command without verb", l)
				}
			}
			if r.Question != "" {
				n++
			}
			if r.Error != "" {
				n++
			}
			if n != 1 {
				t.Fatalf("%q: result %+v", l, r)
			}
			for r.Rest != "" && r.Command != nil {
				rest := r.Rest
				r = p.Parse(rest, room())
				if len(r.Rest) >= len(rest) {
					t.Fatalf("%q: rest does not shrink: %q", rest, r.Rest)
				}
			}
		}
	})
}
