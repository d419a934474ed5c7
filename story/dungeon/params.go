package dungeon

import (
	"fmt"
	"sort"
)

// Params are the generator's parameters from story.yaml.
type Params struct {
	Depth         int      // levels; the boss is on the last
	LevelSize     int      // a level is a LevelSize × LevelSize grid of cells
	RoomsPerLevel int      // cells used per level
	Themes        []string // theme ids, one per level, repeating
}

// Limits keep a typo in story.yaml from asking for a dungeon that takes
// minutes to build or cannot hold its rooms.
const (
	maxDepth     = 20
	maxLevelSize = 12
	minLevelSize = 3
)

func defaultParams() Params {
	return Params{Depth: 5, LevelSize: 5, RoomsPerLevel: 12}
}

func parseParams(raw map[string]any) (Params, error) {
	p := defaultParams()
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := raw[k]
		switch k {
		case "depth":
			n, err := intParam(k, v, 1, maxDepth)
			if err != nil {
				return p, err
			}
			p.Depth = n
		case "level_size":
			n, err := intParam(k, v, minLevelSize, maxLevelSize)
			if err != nil {
				return p, err
			}
			p.LevelSize = n
		case "rooms_per_level":
			n, err := intParam(k, v, 4, maxLevelSize*maxLevelSize)
			if err != nil {
				return p, err
			}
			p.RoomsPerLevel = n
		case "themes":
			list, ok := v.([]any)
			if !ok {
				return p, fmt.Errorf("generator.params.themes: want a list of theme ids")
			}
			p.Themes = nil
			for _, t := range list {
				s, ok := t.(string)
				if !ok {
					return p, fmt.Errorf("generator.params.themes: %v is not a theme id", t)
				}
				p.Themes = append(p.Themes, s)
			}
		default:
			return p, fmt.Errorf("generator.params: unknown parameter %q (known: depth, level_size, rooms_per_level, themes)", k)
		}
	}
	if cells := p.LevelSize * p.LevelSize; p.RoomsPerLevel > cells {
		return p, fmt.Errorf("generator.params.rooms_per_level: %d rooms do not fit a %d×%d level", p.RoomsPerLevel, p.LevelSize, p.LevelSize)
	}
	return p, nil
}

func intParam(name string, v any, lo, hi int) (int, error) {
	n, ok := v.(int)
	if !ok {
		return 0, fmt.Errorf("generator.params.%s: want a whole number, not %v", name, v)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("generator.params.%s: %d is out of range %d–%d", name, n, lo, hi)
	}
	return n, nil
}
