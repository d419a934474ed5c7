package parse

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// A prepared noun fits every phrase exactly as the same noun unprepared:
// the summary of how its words begin only ever skips a noun that could
// not have fitted. Random nouns and phrases over words that share first
// letters, differ in case, begin with digits or punctuation, or begin
// past ASCII where Unicode folds case (the Kelvin sign is a k, the long
// s an s).
func TestPreparedNounFitsAsUnprepared(t *testing.T) {
	pool := []string{"key", "Key", "KEY", "kelvin", "\u212aelvin", "sword", "\u017fword", "\u017fwords", "sword\u017f", "s", "lamp",
		"lantern", "brass", "brassy", "Brass lamp", "lamp  post", " lamp", "lamp ", "x-ray", "2nd", "éclair",
		"Éclair", "ox", "box", "wooden box", "thing", "one", "a", "the", "candelabrum", "candel", "zz", ""}
	r := rand.New(rand.NewPCG(13, 1))
	some := func(max int) []string {
		out := make([]string, r.IntN(max+1))
		for i := range out {
			out[i] = pool[r.IntN(len(pool))]
		}
		return out
	}
	tried := 0
	for range 20000 {
		n := Noun{ID: "n", Kind: NounKind(1 + r.IntN(4)), Name: strings.Join(some(2), " "), Words: some(3), Adjectives: some(2)}
		p := n
		Prepare(&p)
		toks := stripArticles(lex(strings.Join(some(3), " ")))
		if len(toks) == 0 {
			continue
		}
		tried++
		if got, want := fit(&p, toks), fit(&n, toks); got != want {
			t.Fatalf("noun %+v, phrase %q: prepared %d, unprepared %d", n, toksText(toks), got, want)
		}
	}
	if tried < 10000 {
		t.Fatalf("only %d phrases tried", tried)
	}
}

func toksText(toks []token) string {
	var ws []string
	for _, t := range toks {
		ws = append(ws, t.w)
	}
	return strings.Join(ws, " ")
}
