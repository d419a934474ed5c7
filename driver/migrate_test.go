package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// A format 3 save kept thing states, text sequences and "notify off"
// under reserved keys of flags, counters and done; it restores with each
// in its own field, and the game goes on where it was.
func TestFormatThreeSaveMigratesReservedKeys(t *testing.T) {
	h := newHarness(t, yamlStory(t, textWorld))
	h.expect("x sign", "OPEN")
	h.expect("smash vase", "Crash!")
	h.expect("notify off", "Score notification off.")
	h.expect("save old", "Game saved.")
	paths, _ := filepath.Glob(filepath.Join(h.g.opts.DataDir, "saves", "*", "old.json"))
	if len(paths) != 1 {
		t.Fatalf("saves: %v", paths)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	// Write it back as format 3 wrote it.
	var sf map[string]any
	if err := json.Unmarshal(data, &sf); err != nil {
		t.Fatal(err)
	}
	st := sf["state"].(map[string]any)
	flags, counters, done := st["flags"].(map[string]any), st["counters"].(map[string]any), st["done"].(map[string]any)
	for k, v := range st["things"].(map[string]any) {
		flags[k] = v
	}
	for k, v := range st["texts"].(map[string]any) {
		counters["~text."+k] = v
	}
	if st["notify_off"] != true || len(flags) == 0 || len(counters) == 0 {
		t.Fatalf("the save did not look as expected: %s", data)
	}
	done["tale notify off"] = true
	delete(st, "things")
	delete(st, "texts")
	delete(st, "notify_off")
	sf["format"] = 3
	old, _ := json.Marshal(sf)
	if err := os.WriteFile(paths[0], old, 0o644); err != nil {
		t.Fatal(err)
	}

	h2 := newHarness(t, yamlStory(t, textWorld), func(o *Options) { o.DataDir = h.g.opts.DataDir })
	h2.expect("restore old", "Game restored.")
	got := h2.g.st()
	if !got.NotifyOff || len(got.Things) == 0 || len(got.Texts) == 0 {
		t.Errorf("not migrated: notify off %v, things %v, texts %v", got.NotifyOff, got.Things, got.Texts)
	}
	for k := range got.Flags {
		t.Errorf("a reserved key is left in flags: %q", k)
	}
	for k := range got.Counters {
		t.Errorf("a reserved key is left in counters: %q", k)
	}
	if got.Done["tale notify off"] {
		t.Error("the notify key is left in done")
	}
	h2.expect("x vase", "A broken vase.")
	h2.expect("x sign", "CLOSED")
}
