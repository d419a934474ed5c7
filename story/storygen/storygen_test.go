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

// Types of the package the code is for are written unqualified; others,
// and arrays, as reflect spells them.
func TestValueQualifiesOnlyOtherPackages(t *testing.T) {
	lit, err := Value([]story.Stats{{HP: 5}}, "story")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(lit, "[]Stats{") {
		t.Errorf("local type written %q, want []Stats{…}", lit)
	}
	lit, err = Value(struct{ Depth [2]int }{[2]int{1, 3}}, "dungeon")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseExpr(lit); err != nil || !strings.Contains(lit, "[2]int{") {
		t.Errorf("array written %q (%v), want [2]int{1, 3}", lit, err)
	}
}
