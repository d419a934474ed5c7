package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The maps of a state by field name, and which bit of which set each is
// (cow.go). Flags, Counters, Done and Texts are the player's when
// reached through Mine.
var (
	worldMapBits = map[string]uint32{"Items": cwItems, "Doors": cwDoors, "Boxes": cwBoxes, "Hidden": cwHidden,
		"NPCs": cwNPCs, "Flags": cwFlags, "Counters": cwCounters, "Done": cwDone, "Things": cwThings,
		"Texts": cwTexts, "Wounds": cwWounds, "Hostile": cwHostile}
	playerMapBits = map[string]uint32{"Worn": cpWorn, "Visited": cpVisited}
	mineMapBits   = map[string]uint32{"Flags": cpMineFlags, "Counters": cpMineCounters, "Done": cpMineDone, "Texts": cpMineTexts}
)

// cowExempt are the functions that write maps of a state no turn shares
// with a committed one: they build a fresh state, or change one just
// loaded or deeply cloned, before anyone else sees it.
var cowExempt = map[string]string{
	"cow.go copyWorldMaps":          "the copying itself",
	"state.go fillNil":              "a state being decoded",
	"game.go freshWorld":            "a new world",
	"game.go freshPlayer":           "a new player",
	"migrate.go migrateReserved":    "a save being loaded",
	"holders.go takeHeld":           "a save being loaded (restore)",
	"character.go restoreCharacter": "a returning character, on a deep clone of the world (player.go)",
}

// stateWrite is one place that writes a map of a state directly.
type stateWrite struct {
	at     string // file:line
	fn     string // file and function, as cowExempt names it
	player bool   // a map of the player's part
	bit    uint32
	field  string
}

// directStateWrites finds every direct write to a state map in the
// package's own (non-test) files: m[k] = v, m[k]++, delete(m, k),
// clear(m), and taking the map into a variable (m := tn.st.Flags), which
// is counted as a write since what follows may write through it. A map is
// recognised by its field name, whatever the expression before it.
func directStateWrites(t *testing.T) []stateWrite {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []stateWrite
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn := name + " " + fd.Name.Name
			// Variables holding what writableWorld or writablePlayer
			// returned: writing through them is the way to write.
			writable := map[string]bool{}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if a, ok := n.(*ast.AssignStmt); ok && len(a.Lhs) == len(a.Rhs) {
					for i, r := range a.Rhs {
						if id, ok := a.Lhs[i].(*ast.Ident); ok && isWritableCall(r) {
							writable[id.Name] = true
						}
					}
				}
				return true
			})
			note := func(e ast.Expr) {
				if viaWritable(e, writable) {
					return
				}
				player, bit, field, ok := stateMap(e)
				if ok {
					out = append(out, stateWrite{at: fset.Position(e.Pos()).String(), fn: fn, player: player, bit: bit, field: field})
				}
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, l := range n.Lhs {
						if ix, ok := l.(*ast.IndexExpr); ok {
							note(ix.X)
						}
					}
					for _, r := range n.Rhs {
						note(r) // an alias: m := tn.st.Flags
					}
				case *ast.ValueSpec:
					for _, r := range n.Values {
						note(r)
					}
				case *ast.IncDecStmt:
					if ix, ok := n.X.(*ast.IndexExpr); ok {
						note(ix.X)
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "delete" || id.Name == "clear") && len(n.Args) > 0 {
						note(n.Args[0])
					}
				}
				return true
			})
		}
	}
	return out
}

// isWritableCall reports whether e is a call of writableWorld or writablePlayer.
func isWritableCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	f, ok := call.Fun.(*ast.SelectorExpr)
	return ok && (f.Sel.Name == "writableWorld" || f.Sel.Name == "writablePlayer")
}

// viaWritable reports whether the map e names is reached through a
// writable…() call, directly or through a variable holding its result
// (ws.Items, ps.Mine.Flags).
func viaWritable(e ast.Expr, writable map[string]bool) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x := sel.X
	if in, ok := x.(*ast.SelectorExpr); ok && in.Sel.Name == "Mine" {
		x = in.X
	}
	if id, ok := x.(*ast.Ident); ok {
		return writable[id.Name]
	}
	return isWritableCall(x)
}

// stateMap reports whether e names a map of a state by its field.
func stateMap(e ast.Expr) (player bool, bit uint32, field string, ok bool) {
	sel, isSel := e.(*ast.SelectorExpr)
	if !isSel {
		return false, 0, "", false
	}
	name := sel.Sel.Name
	if in, isSel := sel.X.(*ast.SelectorExpr); isSel && in.Sel.Name == "Mine" {
		bit, ok = mineMapBits[name]
		return true, bit, "Mine." + name, ok
	}
	if bit, ok = playerMapBits[name]; ok {
		return true, bit, name, true
	}
	bit, ok = worldMapBits[name]
	return false, bit, name, ok
}

// Every map a turn shares with the committed state until it writes it is
// written only through writableWorld and writablePlayer; a map anything
// still writes directly is copied eagerly. Without this, one direct write
// would change the committed state, and undo and atomicity with it.
func TestStateWritesGoThroughCOW(t *testing.T) {
	writes := directStateWrites(t)
	if len(writes) == 0 {
		t.Fatal("found no writes at all: is the scan broken?")
	}
	byField := map[string][]string{}
	for _, w := range writes {
		if cowExempt[w.fn] != "" {
			continue
		}
		eager := defaultEager.world
		if w.player {
			eager = defaultEager.player
		}
		if eager&w.bit == 0 {
			t.Errorf("%s (%s) writes %s directly, but %s is copied on write: write through tn.writable…(%s)",
				w.at, w.fn, w.field, w.field, w.field)
		}
		byField[w.field] = append(byField[w.field], w.at)
	}
	for _, f := range slices.Sorted(func(yield func(string) bool) {
		for f := range byField {
			if !yield(f) {
				return
			}
		}
	}) {
		t.Log(fmt.Sprintf("%s written directly at %s", f, strings.Join(byField[f], ", ")))
	}
}

// The scan sees what it must: a direct write, a delete, an increment and
// an alias, with the Mine maps told from the world's.
func TestStateWriteScanFindsEachForm(t *testing.T) {
	src := `package driver
func f() {
	tn.st.Items[id] = x
	delete(st.Things, k)
	tn.st.Wounds[id] += 2
	tn.st.Mine.Counters[n]++
	tn.writableWorld(cwDone).Done[k] = true
	ps := tn.writablePlayer(cpWorn)
	ps.Worn[k] = true
	delete(ps.Mine.Flags, k)
	m := tn.st.Flags
	_ = tn.st.Items[id] // a read
	for range tn.st.Doors {}
}`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var got []string
	for _, w := range directStateWrites(t) {
		got = append(got, w.field)
	}
	want := []string{"Items", "Things", "Wounds", "Mine.Counters", "Flags"}
	if !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
}
