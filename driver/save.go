package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tale-if/tale/internal/atomicfile"
	"github.com/tale-if/tale/story"
)

// saveFormat is the version of the save file layout. Bump it when State
// changes incompatibly; older files are then refused with a clear message.
// Format 2 added the player's fighting figures; a format 1 save is still
// good for a story without combat, where they stay zero. Format 3 puts
// what a player holds at its holder id ("player:you") instead of
// "player"; older saves are migrated as they load (holders.go). Format 4
// gives thing states, text sequences and the notify setting fields of
// their own; older saves kept them under reserved keys of flags, counters
// and done, and are migrated as they load (migrate.go).
const saveFormat = 4

const defaultSave = "default"

// saveFile is what a save holds: enough to refuse the wrong story or
// version before trusting the state.
type saveFile struct {
	Format       int    `json:"format"`
	Story        string `json:"story"`
	StoryVersion string `json:"story_version"`
	Seed         uint64 `json:"seed"`
	State        *State `json:"state"`
}

// maxSaveName bounds a save's name: a file name on every file system.
const maxSaveName = 64

// validSaveName is whether name is 1 to maxSaveName letters, digits, _
// and -, so it can never leave the saves folder. Checked by hand rather
// than by a regexp compiled at init, which every start paid.
func validSaveName(name string) bool {
	if name == "" || len(name) > maxSaveName {
		return false
	}
	for i := range len(name) {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// savePath is DataDir/saves/<story id>/<name>.json; the name is checked so
// it can never leave that folder.
func (tn *turn) savePath(name string) (string, error) {
	if s := tn.story.Config.Savegames; s != nil && !*s {
		return "", ErrSavesDisabled
	}
	if name == "" {
		name = defaultSave
	}
	if !validSaveName(name) {
		return "", ErrBadSaveName
	}
	id := tn.story.ID
	if id == "" {
		id = "story"
	}
	return filepath.Join(tn.opts.DataDir, "saves", id, name+".json"), nil
}

func (tn *turn) saveGame(name string) error {
	path, err := tn.savePath(name)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(saveFile{Format: saveFormat, Story: tn.story.ID,
		StoryVersion: tn.story.Config.Version, Seed: tn.seed, State: tn.st}, "", "  ")
	if err != nil {
		return err
	}
	if err := tn.roomToSave(path, int64(len(data))); err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o644)
}

// loadGame reads and checks a save; nothing in the running game changes.
// A procedural story's save made from another seed than this game's
// comes with that seed's world, which the restore must switch to
// (useWorld): the save holds the state of that world, not of this one.
func (tn *turn) loadGame(name string) (*State, *worldOf, error) {
	path, err := tn.savePath(name)
	if err != nil {
		return nil, nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, ErrNoSave
	}
	if err != nil {
		return nil, nil, err
	}
	var head struct {
		Format       int    `json:"format"`
		Story        string `json:"story"`
		StoryVersion string `json:"story_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCorruptSave, err)
	}
	switch {
	case head.Story != tn.story.ID:
		return nil, nil, fmt.Errorf("%w: %q", ErrOtherStory, head.Story)
	case head.Format != saveFormat && head.Format != 3 && head.Format != 2 && !(head.Format == 1 && !tn.combat()):
		return nil, nil, fmt.Errorf("%w: format %d", ErrSaveVersion, head.Format)
	case head.StoryVersion != tn.story.Config.Version:
		return nil, nil, fmt.Errorf("%w: story version %q", ErrSaveVersion, head.StoryVersion)
	}
	var sf saveFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sf); err != nil || sf.State == nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCorruptSave, err)
	}
	var other *worldOf
	if tn.story.Config.Generator != nil && sf.Seed != tn.seed {
		// The generator is deterministic: the seed rebuilds the world
		// the save was made in.
		s, err := tn.generate(sf.Seed)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: seed %d: %v", ErrCorruptSave, sf.Seed, err)
		}
		other = &worldOf{story: s, seed: sf.Seed}
		restore := tn.useWorld(other)
		defer restore() // checked here; switched for good by the restore
	}
	st := sf.State
	st.fillNil()
	migrateReserved(st)
	tn.takeHeld(st)
	if err := tn.checkState(st); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCorruptSave, err)
	}
	return st, other, nil
}

// worldOf is a procedural story as one seed generates it.
type worldOf struct {
	story *story.Story
	seed  uint64
}

// useWorld switches the world to another generation of its story (a
// restored save's), with everything worked out from the story, and
// returns how to switch back. Restart then plays that world too.
func (w *World) useWorld(o *worldOf) (undo func()) {
	prev, seed, random := w.played, w.seed, w.randomSeed
	w.played, w.seed, w.randomSeed = playing(o.story), o.seed, false
	return func() { w.played, w.seed, w.randomSeed = prev, seed, random }
}

// checkState refuses a state that names things this story does not have,
// so a hand-edited or mismatched save cannot crash a later command.
func (tn *turn) checkState(st *State) error {
	s := tn.story
	if s.Locations[st.Location] == nil {
		return fmt.Errorf("unknown location %q", st.Location)
	}
	for id := range st.Items {
		if s.Items[id] == nil {
			return fmt.Errorf("unknown item %q", id)
		}
	}
	for id := range st.NPCs {
		if s.NPCs[id] == nil {
			return fmt.Errorf("unknown npc %q", id)
		}
	}
	for id := range st.Doors {
		if s.Doors[id] == nil {
			return fmt.Errorf("unknown door %q", id)
		}
	}
	if m := st.Menu; m != nil && (s.NPCs[m.NPC] == nil || s.NPCs[m.NPC].Menus[m.ID] == nil) {
		return fmt.Errorf("unknown menu %q", m.ID)
	}
	if m := st.Menu; m != nil {
		for _, i := range m.Shown {
			if i < 0 || i >= len(s.NPCs[m.NPC].Menus[m.ID].Options) {
				return fmt.Errorf("menu option %d out of range", i)
			}
		}
	}
	return nil
}

// turnsIn is the turn count a save was made at, or -1 when the file
// cannot be read as a save.
func turnsIn(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return -1
	}
	var head struct {
		State *struct {
			Turns int `json:"turns"`
		} `json:"state"`
	}
	if json.Unmarshal(data, &head) != nil || head.State == nil {
		return -1
	}
	return head.State.Turns
}
