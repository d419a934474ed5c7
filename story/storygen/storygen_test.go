package storygen

import (
	"go/parser"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

// One exit reached from two locations is one value in the loader's story;
// a literal would build two, so Literal refuses rather than copy.
func TestLiteralRefusesASharedPointer(t *testing.T) {
	exit := &story.Exit{To: "b"}
	s := &story.Story{Locations: map[string]*story.Location{
		"a": {Exits: map[string]*story.Exit{"north": exit}},
		"c": {Exits: map[string]*story.Exit{"north": exit}},
	}}
	_, err := Literal(s)
	if err == nil || !strings.Contains(err.Error(), "the same *story.Exit") {
		t.Fatalf("err = %v, want the shared exit refused", err)
	}
}

// What YAML decodes into a generator's params (any) is written with its
// dynamic type, and nil and empty stay apart.
func TestLiteralKeepsDynamicTypesAndEmptiness(t *testing.T) {
	s := &story.Story{
		Config: story.Config{Generator: &story.Generator{Name: "g", Params: map[string]any{
			"n": 3, "f": 1.5, "s": "x", "b": true, "l": []any{1, "two"}, "m": map[string]any{"k": nil},
		}}},
		Rules: []*story.Rule{},
	}
	lit, err := Literal(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseExpr(lit); err != nil {
		t.Fatalf("not a Go expression: %v\n%s", err, lit)
	}
	for _, want := range []string{`"n": int(3)`, `"f": float64(1.5)`, `"s": string("x")`, `"b": bool(true)`, `"l": []any{`, `"k": nil`, `Rules: []*story.Rule{`} {
		if !strings.Contains(lit, want) {
			t.Errorf("literal lacks %s:\n%s", want, lit)
		}
	}
}
