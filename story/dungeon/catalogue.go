package dungeon

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/tale-if/tale/story"
)

// catalogue is catalogue.yaml: what can be found in the dungeon.
type catalogue struct {
	ScalePerLevel float64    `yaml:"scale_per_level"`
	Creatures     []creature `yaml:"creatures"`
	Boss          boss       `yaml:"boss"`
	Items         []thing    `yaml:"items"`
	Keys          []string   `yaml:"keys"`
	Doors         []string   `yaml:"doors"`
}

type creature struct {
	ID          string      `yaml:"id"`
	Name        string      `yaml:"name"`
	Aliases     []string    `yaml:"aliases"`
	Description string      `yaml:"description"`
	Depth       [2]int      `yaml:"depth"`
	Stats       story.Stats `yaml:"stats"`
	Hostile     bool        `yaml:"hostile"`
	Wander      int         `yaml:"wander"` // ticks between moves; 0 stays put
}

type boss struct {
	ID          string      `yaml:"id"`
	Name        string      `yaml:"name"`
	Aliases     []string    `yaml:"aliases"`
	Description string      `yaml:"description"`
	Stats       story.Stats `yaml:"stats"`
	Treasure    thing       `yaml:"treasure"`
}

// thing is an item template; Kind says where the generator may use it.
type thing struct {
	ID          string             `yaml:"id"`
	Kind        string             `yaml:"kind"` // weapon, armour, potion, food, treasure
	Name        string             `yaml:"name"`
	Article     string             `yaml:"article"` // as story.Item.Article: "" automatic, "some", "the"
	Plural      bool               `yaml:"plural"`
	Aliases     []string           `yaml:"aliases"`
	Description string             `yaml:"description"`
	Depth       [2]int             `yaml:"depth"`
	Weight      int                `yaml:"weight"`
	Value       int                `yaml:"value"`
	Score       int                `yaml:"score"`
	Heal        int                `yaml:"heal"`
	Weapon      *story.WeaponStats `yaml:"weapon"`
	Armour      *story.ArmourStats `yaml:"armour"`
}

// themes is themes.yaml.
type themes struct {
	Themes []theme `yaml:"themes"`
}

type theme struct {
	ID         string   `yaml:"id"`
	Rooms      []string `yaml:"rooms"`
	Corridors  []string `yaml:"corridors"`
	Adjectives []string `yaml:"adjectives"`
	Features   []string `yaml:"features"`
	Atmosphere []string `yaml:"atmosphere"`
}

// readStrict decodes one of the story folder's files, refusing unknown
// fields so an author's typo is reported with its line instead of ignored.
// The bundled tables are compiled (compiled_tables.go): bytes equal to
// theirs are not parsed again at every start.
func readStrict(src story.AssetSource, name string, v any) error {
	if src == nil {
		return fmt.Errorf("%s: the dungeon generator needs its story folder", name)
	}
	f, err := src.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if compiledTable(tableSum(data), v) {
		return nil
	}
	return decodeStrict(name, data, v)
}

// tableSum is the digest compiled_tables.go knows a table's bytes by.
func tableSum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// decodeStrict decodes a table from YAML, refusing unknown fields.
func decodeStrict(name string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (c *catalogue) check() error {
	switch {
	case len(c.Creatures) == 0:
		return fmt.Errorf("catalogue.yaml: no creatures")
	case c.Boss.ID == "" || c.Boss.Treasure.ID == "":
		return fmt.Errorf("catalogue.yaml: the boss needs an id and a treasure with an id")
	case len(c.Keys) == 0 || len(c.Doors) == 0:
		return fmt.Errorf("catalogue.yaml: keys and doors need at least one name each")
	}
	for _, cr := range c.Creatures {
		if cr.ID == "" || cr.Name == "" || cr.Stats.HP <= 0 {
			return fmt.Errorf("catalogue.yaml: creature %q needs an id, a name and hp", cr.ID)
		}
	}
	return nil
}

func (t *themes) check() error {
	if len(t.Themes) == 0 {
		return fmt.Errorf("themes.yaml: no themes")
	}
	for _, th := range t.Themes {
		if len(th.Rooms) == 0 || len(th.Corridors) == 0 || len(th.Adjectives) < 2 || len(th.Features) < 3 || len(th.Atmosphere) < 2 {
			return fmt.Errorf("themes.yaml: theme %q needs rooms, corridors, at least 2 adjectives, 3 features and 2 atmosphere lines", th.ID)
		}
	}
	return nil
}
