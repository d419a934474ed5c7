package story

import (
	"fmt"
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"strings"
	"testing"
	"testing/fstest"
)

func TestYAMLConveniences(t *testing.T) {
	s, err := loadWith(t, zz(`
common: &lit {flag: lamp_lit}
`))
	if err == nil || !strings.Contains(err.Error(), `unknown section "common"`) {
		t.Fatalf("a stray top-level key must be refused, got %v (story %v)", err, s)
	}
	s, err = loadWith(t, map[string]string{
		// Merge keys, a lone condition without the list, and two
		// documents in one file.
		"world/zz.yaml": `
items:
  base: &base {name: pebble, weight: 1}
  pebble2: {<<: *base, at: shore}
rules:
  - if: {flag: lamp_lit}
    do: {say: Bright.}
---
items:
  pebble3: {name: third pebble}
`,
		// Hidden files are editor droppings or version control, not story.
		"world/.swap.yaml": "this is: [not yaml",
	})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Items["pebble2"]
	if p.Name != "pebble" || p.Weight != 1 || p.At != "shore" {
		t.Errorf("merged item = %+v, want the base's name and weight with its own at", p)
	}
	r := s.Rules[2]
	if len(r.If) != 1 || r.If[0].Flag != "lamp_lit" || len(r.Do) != 1 || r.Do[0].Say != "Bright." {
		t.Errorf("rule with lone condition and effect = %+v", r)
	}
	if s.Items["pebble3"] == nil {
		t.Error("the second document of a file was not read")
	}
	want := []string{"note", "key", "chest", "matches", "base", "pebble2", "pebble3"}
	if fmt.Sprint(s.Order.Items) != fmt.Sprint(want) {
		t.Errorf("item order %v, want %v", s.Order.Items, want)
	}
}

func TestFilesAreReadInSortedPathOrder(t *testing.T) {
	s, err := loadWith(t, map[string]string{
		"b.yaml":          "items: {from_b: {name: b}}\n",
		"a/z.yaml":        "items: {from_a_z: {name: az}}\n",
		"a.yaml":          "items: {from_a: {name: a}}\n",
		"world/notes.txt": "not yaml, not read",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(s.Order.Items)
	// "a.yaml" sorts before "a/z.yaml" ('.' < '/'), and both before world/.
	if want := "[from_a from_a_z from_b note key chest matches]"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
}

func TestAliasBombIsRefused(t *testing.T) {
	w := "rules:\n  - if: [&a0 {any: [{flag: x}, {flag: y}]}]\n"
	for i := 1; i < 10; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		w += fmt.Sprintf("  - if: [&a%d {any: [%s]}]\n", i, strings.TrimSuffix(strings.Repeat(p+", ", 9), ", "))
	}
	fsys := fstest.MapFS{
		"s/story.yaml": {Data: []byte("name: x\nstart: a\n")},
		"s/w.yaml":     {Data: []byte(w)},
	}
	_, err := Load(fsys, "s")
	got := problemsOf(t, err)
	if len(got) != 1 || !strings.Contains(got[0], "s/w.yaml:") || !strings.Contains(got[0], "expands to too many values") {
		t.Errorf("want the one problem of the expansion, got:\n%s", strings.Join(got, "\n"))
	}
}

func TestOddDocumentsDoNotPanic(t *testing.T) {
	for _, text := range []string{"", "~", "42", "- a\n- b\n", "items:\n", "items: {a: }\n", "rules: [~]\n",
		"locations: {a: {exits: ~, passages: {x: ~}}}\n", "locations: {a: {exits: {n: ~}}}\n",
		"npcs: {a: {menus: {m: ~}, topics: [~], accepts: [~], behaviour: {on_event: {e: [~]}}}}\n",
		"items: {a: {container: ~, details: [~]}}\n", "? [a, b]\n: c\n", "&x a: *x\n"} {
		for _, file := range []string{"story.yaml", "world/zz.yaml"} {
			_, err := loadWith(t, map[string]string{file: text + "\n"})
			if err == nil && file == "story.yaml" {
				t.Errorf("story.yaml %q loaded; a story needs a name and start", text)
			}
		}
	}
}

func TestGeneratorFolderIsNotWorld(t *testing.T) {
	// A generator's own tables live in generator/ in their own format.
	if _, err := loadWith(t, map[string]string{GeneratorDir + "/table.yaml": "monsters: [rat, bat]\n"}); err != nil {
		t.Errorf("generator/ was read as world files: %v", err)
	}
}

func TestMergeBombIsRefused(t *testing.T) {
	w := "x0: &a0 {name: a}\n"
	for i := 1; i < 40; i++ {
		w += fmt.Sprintf("x%d: &a%d {<<: [*a%d, *a%d]}\n", i, i, i-1, i-1)
	}
	w = "items:\n" + strings.ReplaceAll(strings.TrimSuffix(w, "\n"), "\n", "\n  ")
	w = strings.Replace(w, "items:\nx0", "items:\n  x0", 1) + "\n"
	fsys := fstest.MapFS{
		"s/story.yaml": {Data: []byte("name: x\nstart: a\n")},
		"s/w.yaml":     {Data: []byte(w)},
	}
	_, err := Load(fsys, "s")
	got := problemsOf(t, err)
	if len(got) != 1 || !strings.Contains(got[0], "expands to too many values") {
		t.Errorf("want the one problem of the expansion, got:\n%s", strings.Join(got, "\n"))
	}
}
