package driver

import (
	"testing"

	"github.com/tale-if/tale/story"
)

func TestConditions(t *testing.T) {
	n := func(i int) *int { return &i }
	h := newHarness(t, testStory())
	st := h.g.st()
	st.Flags["lit"] = true
	st.Counters["coins"] = 3
	st.Items["lamp"] = youHold
	st.Items["key"] = "box"
	st.Items["box"] = youHold
	st.Turns = 7
	st.Visited["kitchen"] = true
	tests := []struct {
		name string
		c    story.Condition
		want bool
	}{
		{"flag set", story.Condition{Flag: "lit"}, true},
		{"flag unset", story.Condition{Flag: "dark"}, false},
		{"not_flag", story.Condition{NotFlag: "dark"}, true},
		{"counter at least", story.Condition{Counter: "coins", AtLeast: n(3)}, true},
		{"counter at most", story.Condition{Counter: "coins", AtMost: n(2)}, false},
		{"counter equals", story.Condition{Counter: "coins", Equals: n(3)}, true},
		{"absent counter is 0", story.Condition{Counter: "gems", Equals: n(0)}, true},
		{"carrying", story.Condition{Carrying: "lamp"}, true},
		{"carrying inside a held box", story.Condition{Carrying: "key"}, true},
		{"not carrying", story.Condition{NotCarrying: "cup"}, true},
		{"in", story.Condition{In: "hall"}, true},
		{"in elsewhere", story.Condition{In: "kitchen"}, false},
		{"item at", story.Condition{Item: "cup", At: "table"}, true},
		{"item at player", story.Condition{Item: "key", At: atPlayer}, true},
		{"door state", story.Condition{Door: "oak", State: "locked"}, true},
		{"box state", story.Condition{Door: "box", State: "closed"}, true},
		{"npc at", story.Condition{NPC: "keeper", At: "kitchen"}, true},
		{"turn", story.Condition{Turn: true, AtLeast: n(5), AtMost: n(9)}, true},
		{"visited", story.Condition{Visited: "kitchen"}, true},
		{"not visited", story.Condition{Visited: "attic"}, false},
		{"any", story.Condition{Any: story.Conditions{{Flag: "dark"}, {In: "hall"}}}, true},
		{"any none", story.Condition{Any: story.Conditions{{Flag: "dark"}, {In: "attic"}}}, false},
		{"not", story.Condition{Not: story.Conditions{{Flag: "lit"}}}, false},
		{"not all", story.Condition{Not: story.Conditions{{Flag: "lit"}, {Flag: "dark"}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			if got := h.g.tn().holds(story.Conditions{&c}); got != tt.want {
				t.Errorf("holds = %v, want %v", got, tt.want)
			}
		})
	}
	if !h.g.tn().holds(nil) {
		t.Error("an empty list must hold")
	}
}
