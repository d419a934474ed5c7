package dungeon

import (
	"fmt"
	"github.com/tale-if/tale/internal/goldenflag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

var update = goldenflag.Update

func loadBase(tb testing.TB) *story.Story {
	tb.Helper()
	base, err := story.LoadDir("../../stories/dungeon")
	if err != nil {
		tb.Fatal(err)
	}
	return base
}

func generate(tb testing.TB, base *story.Story, seed uint64) *story.Story {
	tb.Helper()
	s, err := Generate(base, seed)
	if err != nil {
		tb.Fatalf("seed %d: %v", seed, err)
	}
	return s
}

// reach is where a player can get from the start, picking up every key on
// the way and unlocking what those keys fit; the door named shut stays shut
// whatever keys are held.
func reach(s *story.Story, shut string) map[string]bool {
	keys := map[string]bool{}
	for {
		seen := map[string]bool{s.Config.Start: true}
		queue := []string{s.Config.Start}
		for len(queue) > 0 {
			loc := s.Locations[queue[0]]
			queue = queue[1:]
			for _, ex := range loc.Exits {
				if ex.Door != "" {
					d := s.Doors[ex.Door]
					if ex.Door == shut || (d.State == "locked" && !keys[d.Key]) {
						continue
					}
				}
				if !seen[ex.To] {
					seen[ex.To] = true
					queue = append(queue, ex.To)
				}
			}
		}
		found := false
		for _, d := range s.Doors {
			if it := s.Items[d.Key]; it != nil && seen[it.At] && !keys[d.Key] {
				keys[d.Key] = true
				found = true
			}
		}
		if !found {
			return seen
		}
	}
}

func seedsToCheck() int {
	if testing.Short() {
		return 100
	}
	return 1000
}

func TestEveryDungeonIsWinnable(t *testing.T) {
	base := loadBase(t)
	for seed := uint64(0); seed < uint64(seedsToCheck()); seed++ {
		s := generate(t, base, seed)
		if err := story.Validate(s); err != nil {
			t.Fatalf("seed %d: the generated story is invalid:\n%v", seed, err)
		}
		all := reach(s, "")
		for _, id := range s.Order.Locations {
			if !all[id] {
				t.Fatalf("seed %d: %s cannot be reached even with every key", seed, id)
			}
		}
		boss := s.NPCs["boss"]
		if boss == nil || !all[boss.At] {
			t.Fatalf("seed %d: the boss is missing or out of reach", seed)
		}
		for _, id := range s.Order.Doors {
			d := s.Doors[id]
			if d.State != "locked" {
				continue
			}
			if before := reach(s, id); !before[s.Items[d.Key].At] {
				t.Fatalf("seed %d: the key of %s lies behind it (at %s)", seed, id, s.Items[d.Key].At)
			}
		}
		stairsDown := 0
		for _, id := range s.Order.Locations {
			if s.Locations[id].Exits["down"] != nil {
				stairsDown++
			}
		}
		if want := len(levelsOf(s)) - 1; stairsDown != want {
			t.Fatalf("seed %d: %d stairs down, want one per level above the last (%d)", seed, stairsDown, want)
		}
	}
}

func levelsOf(s *story.Story) map[int]bool {
	levels := map[int]bool{}
	for id := range s.Locations {
		if p, ok := LayoutOf(id); ok {
			levels[p.Level] = true
		}
	}
	return levels
}

func TestSameSeedSameDungeon(t *testing.T) {
	base := loadBase(t)
	a, b := summary(generate(t, base, 42)), summary(generate(t, base, 42))
	if a != b {
		t.Fatal("seed 42 gave two different dungeons")
	}
	if c := summary(generate(t, base, 43)); c == a {
		t.Fatal("seeds 42 and 43 gave the same dungeon")
	}
}

func TestNeighbouringRoomsReadDifferently(t *testing.T) {
	base := loadBase(t)
	for seed := uint64(0); seed < 200; seed++ {
		s := generate(t, base, seed)
		names := map[string]string{}
		for _, id := range s.Order.Locations {
			loc := s.Locations[id]
			p, _ := LayoutOf(id)
			key := fmt.Sprint(p.Level, loc.Name)
			if other, dup := names[key]; dup {
				t.Fatalf("seed %d: %s and %s on level %d are both called %q", seed, other, id, p.Level, loc.Name)
			}
			names[key] = id
			for dir, ex := range loc.Exits {
				if other := s.Locations[ex.To]; other.Name == loc.Name {
					t.Fatalf("seed %d: %s and its %s neighbour %s are both called %q", seed, id, dir, ex.To, loc.Name)
				}
			}
		}
	}
}

func TestMapDrawsOnlyTheExploredPart(t *testing.T) {
	s := generate(t, loadBase(t), 7)
	start := s.Locations[s.Config.Start]
	var next string
	for _, dir := range []string{"north", "east", "south", "west"} {
		if ex := start.Exits[dir]; ex != nil {
			next = ex.To
			break
		}
	}
	visited := map[string]bool{s.Config.Start: true, next: true}
	m := RenderMap(s, next, func(id string) bool { return visited[id] })
	if strings.Count(m, "[") != 2 || !strings.Contains(m, "@") {
		t.Fatalf("two rooms explored, the player in one; got:\n%s", m)
	}
	if strings.Contains(m, "\x1b") {
		t.Fatal("the map must be plain ASCII")
	}
	if got := RenderMap(s, "not-a-dungeon-room", func(string) bool { return true }); !strings.Contains(got, "can't make a map") {
		t.Fatalf("outside the dungeon: %q", got)
	}
}

func TestLayoutOfReadsOnlyGeneratedIDs(t *testing.T) {
	if p, ok := LayoutOf("l2_3_1"); !ok || p != (Place{2, 3, 1}) {
		t.Fatalf("l2_3_1 → %+v %v", p, ok)
	}
	for _, id := range []string{"hall", "l2_3", "l2_3_1x", "l0_1_1", "l1_-1_0", ""} {
		if _, ok := LayoutOf(id); ok {
			t.Errorf("%q should not be a generated location", id)
		}
	}
}

func TestBadParametersAreRefused(t *testing.T) {
	for _, tc := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{"depth": 0}, "depth: 0 is out of range"},
		{map[string]any{"depth": "five"}, "want a whole number"},
		{map[string]any{"level_size": 3, "rooms_per_level": 20}, "do not fit"},
		{map[string]any{"colour": "red"}, `unknown parameter "colour"`},
		{map[string]any{"themes": []any{"swamp"}}, `no theme "swamp"`},
	} {
		base := loadBase(t)
		base.Config.Generator = &story.Generator{Name: "dungeon", Params: tc.params}
		_, err := Generate(base, 1)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("params %v: got %v, want an error containing %q", tc.params, err, tc.want)
		}
	}
}

// summary is a stable, readable serialisation of a dungeon.
func summary(s *story.Story) string {
	var b strings.Builder
	fmt.Fprintf(&b, "start %s, max score %d\n", s.Config.Start, s.Config.MaxScore)
	for _, id := range s.Order.Locations {
		loc := s.Locations[id]
		var exits []string
		for dir, ex := range loc.Exits {
			e := dir + ">" + ex.To
			if ex.Door != "" {
				e += "(" + ex.Door + ")"
			}
			exits = append(exits, e)
		}
		sort.Strings(exits)
		fmt.Fprintf(&b, "%s %q: %s\n  %s\n", id, loc.Name, strings.Join(exits, " "), loc.Description)
	}
	for _, id := range s.Order.Items {
		fmt.Fprintf(&b, "item %s %q at %s\n", id, s.Items[id].Name, s.Items[id].At)
	}
	for _, id := range s.Order.NPCs {
		n := s.NPCs[id]
		fmt.Fprintf(&b, "npc %s %q at %s %+v\n", id, n.Name, n.At, *n.Stats)
	}
	for _, id := range s.Order.Doors {
		fmt.Fprintf(&b, "door %s %q %s key %s\n", id, s.Doors[id].Name, s.Doors[id].State, s.Doors[id].Key)
	}
	return b.String()
}

func TestGoldenDungeonForSeed1(t *testing.T) {
	got := summary(generate(t, loadBase(t), 1))
	path := filepath.Join("testdata", "seed1.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./story/dungeon -update to create it)", err)
	}
	if got != string(want) {
		t.Fatalf("seed 1's dungeon changed; if on purpose, run with -update.\ngot:\n%s", got)
	}
}

func BenchmarkGenerateLevel(b *testing.B) {
	base := loadBase(b)
	depth := 5
	if base.Config.Generator != nil {
		if d, ok := base.Config.Generator.Params["depth"].(int); ok {
			depth = d
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Generate(base, uint64(i))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(depth)/1e6, "ms/level")
}
