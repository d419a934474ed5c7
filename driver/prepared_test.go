package driver

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// Every noun in every scope carries the summary of its words that the
// parser skips nouns by (parse.Prepare), made from the words it has now:
// a noun whose words changed after it was prepared would be passed over
// for a name it answers to. Players, made afresh for each scope, are the
// ones left unprepared. Every room of the test story and the dungeon.
func TestScopeNounsArePreparedForTheirWords(t *testing.T) {
	for _, s := range []*story.Story{testStory(), dungeonStory(t)} {
		h := newHarness(t, s)
		for _, loc := range s.Order.Locations {
			h.g.st().Location = loc
			for _, n := range h.g.scopeOf(h.g.you()).Nouns {
				again := n
				parse.Prepare(&again)
				set := reflect.ValueOf(n).FieldByName("initials").Uint() != 0
				switch {
				case !set && !strings.HasPrefix(n.ID, idPlayer):
					t.Errorf("%s in %s: not prepared", n.ID, loc)
				case set && !reflect.DeepEqual(again, n):
					t.Errorf("%s in %s: prepared for other words than %q %q", n.ID, loc, n.Words, n.Adjectives)
				}
			}
		}
	}
}
