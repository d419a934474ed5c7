package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// charJournal is a memJournal that also keeps the characters that leave,
// as the host's MUD world does on the store.
type charJournal struct {
	memJournal
	mu    sync.Mutex
	chars map[string][]byte
}

func (j *charJournal) KeepCharacter(_ context.Context, id string, data []byte) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.chars[id] = data
	return nil
}

func (j *charJournal) char(id string) []byte {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.chars[id]
}

// An account's character takes what it holds out of the world when it
// leaves, and comes back at the next login where it was, with it; the
// others never see its things lying about. Rebuilt from the journal, the
// world is the same, character joins included.
func TestCharacterLeavesWithItsThingsAndComesBack(t *testing.T) {
	s := testStory()
	j := &charJournal{chars: map[string][]byte{}}
	m := startMUD(t, s, func(o *Options) { o.Journal, o.SnapshotEvery = j, 4 })
	ann, err := m.w.JoinCharacter(t.Context(), "ann", nil)
	if err != nil {
		t.Fatal(err)
	}
	m.seats["ann"] = ann
	m.listen(ann)
	m.join("bob")
	m.do("ann", "take lamp")
	m.do("ann", "east")
	m.do("bob", "east")
	m.read()
	if err := ann.Leave(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := m.text("bob"); got != "Ann has left the game." {
		t.Errorf("bob read %q as Ann left", got)
	}
	m.do("bob", "west")
	m.do("bob", "look")
	m.do("bob", "take lamp")
	if got := m.text("bob"); strings.Contains(got, "brass lamp") || !strings.Contains(got, "Entrance Hall") {
		t.Errorf("Ann's lamp is in the world while she is away:\n%s", got)
	}
	saved := j.char("ann")
	if saved == nil {
		t.Fatal("no character kept as Ann left")
	}

	ann, err = m.w.JoinCharacter(t.Context(), "ann", saved)
	if err != nil {
		t.Fatal(err)
	}
	m.seats["ann"], m.seen["ann"] = ann, 0
	m.listen(ann)
	if got := m.text("ann"); !strings.Contains(got, "Kitchen") {
		t.Errorf("Ann came back elsewhere:\n%s", got)
	}
	m.do("ann", "inventory")
	if got := m.text("ann"); !strings.Contains(got, "brass lamp") {
		t.Errorf("Ann came back without her lamp:\n%s", got)
	}
	if _, err := m.w.JoinCharacter(t.Context(), "ann", saved); err != nil {
		t.Errorf("a second login of a character in the world: %v", err)
	}
	m.do("ann", "down")
	m.read()
	var want []byte
	m.onLoop("ann", func() { want, err = m.w.snapshot() })
	if err != nil {
		t.Fatal(err)
	}

	for _, useSnap := range []bool{false, true} {
		r := j.resume(int64(len(j.entries)), useSnap)
		o := durableOpts(&charJournal{chars: map[string][]byte{}})
		seed := uint64(42) // startMUD's
		o.Mode, o.Seed = ModeMUD, &seed
		re, err := RebuildWorld(s, o, r)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := re.snapshot(); !bytes.Equal(got, want) {
			t.Errorf("snapshot %v: the rebuilt world differs from the one that played (%d bytes, want %d)", useSnap, len(got), len(want))
		}
	}
}

// Whether a player's things leave with it is known from its join, and a
// snapshot carries it: a world rebuilt from any of its snapshots and the
// entries after it is the world that played, the character's leave after
// the snapshot included (its lamp out of reach, the guest's on the floor).
func TestCharacterIsKnownAcrossASnapshot(t *testing.T) {
	s := testStory()
	j := &charJournal{chars: map[string][]byte{}}
	m := startMUD(t, s, func(o *Options) { o.Journal, o.SnapshotEvery = j, 3 })
	ann, err := m.w.JoinCharacter(t.Context(), "ann", nil)
	if err != nil {
		t.Fatal(err)
	}
	m.seats["ann"] = ann
	m.listen(ann)
	m.join("bob")
	m.do("ann", "take lamp")
	m.do("bob", "east")
	m.do("bob", "look")
	m.do("ann", "look")
	m.read()
	for _, p := range []string{"ann", "bob"} {
		if err := m.seats[p].Leave(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	m.join("cat")
	m.do("cat", "look")
	if got := m.text("cat"); strings.Contains(got, "brass lamp") {
		t.Fatalf("Ann's lamp is in the world while she is away:\n%s", got)
	}
	var want []byte
	m.onLoop("cat", func() { want, err = m.w.snapshot() })
	if err != nil {
		t.Fatal(err)
	}
	if len(j.snaps) < 2 {
		t.Fatalf("%d snapshots; the test wants one before the leaves", len(j.snaps))
	}
	for n, snap := range j.snaps {
		r := Resume{Snapshot: snap, SnapshotN: n, Tail: j.entries[n:]}
		o := durableOpts(&charJournal{chars: map[string][]byte{}})
		seed := uint64(42) // startMUD's
		o.Mode, o.Seed = ModeMUD, &seed
		re, err := RebuildWorld(s, o, r)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := re.snapshot(); !bytes.Equal(got, want) {
			t.Errorf("from the snapshot after entry %d: the rebuilt world differs from the one that played", n)
		}
	}
}

// A character kept by another version of the story comes back as far as
// this version knows it: a thing it no longer has is dropped, and said.
func TestCharacterFromAnotherVersionDropsUnknownThings(t *testing.T) {
	s := testStory()
	m := startMUD(t, s)
	ps := &PlayerState{Location: "gone_room", Worn: map[string]bool{"ghost_cape": true}, Wielded: "ghost_sword"}
	saved, _ := json.Marshal(characterFile{Format: characterFormat, Story: s.ID, StoryVersion: "0.9",
		Player: ps, Items: []string{"ghost_cape", "lamp"}})
	ann, err := m.w.JoinCharacter(t.Context(), "ann", saved)
	if err != nil {
		t.Fatal(err)
	}
	m.seats["ann"] = ann
	m.listen(ann)
	got := m.text("ann")
	if !strings.Contains(got, "Entrance Hall") || !strings.Contains(got, "no longer in this world: ghost_cape") {
		t.Errorf("a character of version 0.9 read:\n%s", got)
	}
	m.do("ann", "inventory")
	if got := m.text("ann"); !strings.Contains(got, "brass lamp") {
		t.Errorf("the lamp, which this version has, did not come back:\n%s", got)
	}
	if _, err := m.w.JoinCharacter(t.Context(), "bob", []byte(`{"format":1,"story":"other","player":{}}`)); err == nil {
		t.Error("a character of another story was seated")
	}
}
