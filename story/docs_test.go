package story

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWorkedExampleLoads keeps docs/story-format.md honest: the files of
// its worked example (yaml blocks starting "# file: NAME") must load, and
// the connections the text promises must exist.
func TestWorkedExampleLoads(t *testing.T) {
	doc, err := os.ReadFile("../docs/story-format.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n# file: ([^\n]+)\n(.*?)```")
	fsys := fstest.MapFS{}
	for _, m := range block.FindAllStringSubmatch(string(doc), -1) {
		fsys["lighthouse/"+m[1]] = &fstest.MapFile{Data: []byte(m[2])}
	}
	if len(fsys) < 3 {
		t.Fatalf("found %d example files in the doc, want story.yaml and the world", len(fsys))
	}
	s, err := Load(fsys, "lighthouse")
	if err != nil {
		t.Fatalf("the worked example does not load:\n%v", err)
	}
	if e := s.Locations["lamp_room"].Exits["west"]; e == nil || e.Door != "tower_door" {
		t.Errorf("lamp_room west = %+v, want the way back through the door", e)
	}
	if s.FlagScope("asked_keeper") != ScopePlayer || s.FlagScope("given_key") != ScopeWorld ||
		s.EndingScope("saved") != ScopeWorld || s.ScoreScope() != ScopeWorld || !slices.Contains(s.Config.Modes, "mud") {
		t.Errorf("the example's MUD scopes are not as the text says: modes %v, flags %v", s.Config.Modes, s.Flags)
	}
	if strings.Join(s.Config.Player.Inventory, ",") != "matches" {
		t.Errorf("inventory %v, want the matches", s.Config.Player.Inventory)
	}
}
