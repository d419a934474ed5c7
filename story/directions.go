package story

import "strings"

// Directions are the compass and vertical directions in the order exits are
// listed to players.
var Directions = []string{"north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest", "up", "down", "in", "out"}

var abbreviations = map[string]string{
	"n": "north", "ne": "northeast", "e": "east", "se": "southeast",
	"s": "south", "sw": "southwest", "w": "west", "nw": "northwest",
	"u": "up", "d": "down",
}

var opposites = map[string]string{
	"north": "south", "northeast": "southwest", "east": "west", "southeast": "northwest",
	"south": "north", "southwest": "northeast", "west": "east", "northwest": "southeast",
	"up": "down", "down": "up", "in": "out", "out": "in",
}

// NormalizeDirection turns a direction or its abbreviation into the full
// name ("ne" → "northeast"); ok is false for anything that is not a
// direction. Case is ignored, since players and authors type both.
func NormalizeDirection(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if full, ok := abbreviations[s]; ok {
		return full, true
	}
	if _, ok := opposites[s]; ok {
		return s, true
	}
	return "", false
}

// Opposite gives the direction back ("north" → "south"), or "" when dir is
// not a direction. Abbreviations are accepted.
func Opposite(dir string) string {
	full, ok := NormalizeDirection(dir)
	if !ok {
		return ""
	}
	return opposites[full]
}
