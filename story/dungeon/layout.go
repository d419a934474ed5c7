package dungeon

import "fmt"

// Location ids carry the grid position, so the map and tests need no side
// table that could drift from the story: "l2_3_1" is level 2, x 3, y 1.

func locationID(level int, c cell) string { return fmt.Sprintf("l%d_%d_%d", level, c.x, c.y) }

// Place is where a generated location lies.
type Place struct{ Level, X, Y int }

// LayoutOf reads a generated location id back into its place; ok is false
// for ids the generator did not make.
func LayoutOf(locationID string) (p Place, ok bool) {
	var extra string
	n, _ := fmt.Sscanf(locationID, "l%d_%d_%d%s", &p.Level, &p.X, &p.Y, &extra)
	if n != 3 || p.Level < 1 || p.X < 0 || p.Y < 0 || locationID != fmt.Sprintf("l%d_%d_%d", p.Level, p.X, p.Y) {
		return Place{}, false
	}
	return p, true
}
