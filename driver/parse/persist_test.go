package parse

import (
	"encoding/json"
	"strings"
	"testing"
)

// A save holds each pronoun's thing by the name a sentence gives it
// ("the old lamp", "Wren", "that" for a thing with no name), as saves
// always have, and a restored parser says the same names: none gains a
// second article.
func TestPronounsSurviveASave(t *testing.T) {
	s := room()
	s.Nouns = append(s.Nouns, Noun{ID: "smudge", Kind: Thing, Words: []string{"smudge"}, Here: true})
	p := New()
	talk(t, p, s, "x lamp", "examine lamp", "x wren", "examine wren", "x keeper", "examine keeper")
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`"the old lamp"`, `"Wren"`, `"the keeper"`} {
		if !strings.Contains(string(data), name) {
			t.Errorf("the save lacks %s: %s", name, data)
		}
	}
	q := New()
	if err := json.Unmarshal(data, q); err != nil {
		t.Fatal(err)
	}
	if got, want := q.pronounsText(), p.pronounsText(); got != want {
		t.Errorf("restored: %q\nbefore:   %q", got, want)
	}
	talk(t, p, s, "x smudge", "examine smudge")
	if data, err = json.Marshal(p); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, q); err != nil {
		t.Fatal(err)
	}
	want := `“it” means that`
	if got := q.pronounsText(); !strings.Contains(got, want) || got != p.pronounsText() {
		t.Errorf("a nameless thing restored: %q, want it to say %q as before: %q", got, want, p.pronounsText())
	}
	talk(t, q, s, "x it", "examine smudge")
}
