package dungeon

import (
	"strings"

	"github.com/tale-if/tale/story"
)

// RenderMap draws the explored part of the level the player is on, as
// plain ASCII for a <monospaced> block:
//
//	[ ]-[@]
//	     |
//	    [>]  ?
//
// "@" is the player, ">" and "<" are stairs down and up, "+" a door, and
// "?" a place an explored room leads to that the player has not seen.
// visited reports whether the player has been to a location.
func RenderMap(s *story.Story, here string, visited func(id string) bool) string {
	cur, ok := LayoutOf(here)
	if !ok {
		return "You can't make a map of this place."
	}
	// Find the level's extent from every generated location on it.
	size := 0
	for id := range s.Locations {
		if p, ok := LayoutOf(id); ok && p.Level == cur.Level {
			size = max(size, p.X+1, p.Y+1)
		}
	}
	// Each cell is 4 columns wide ("[ ]" and a link), each row 2 lines high.
	rows := make([][]byte, size*2)
	for i := range rows {
		rows[i] = []byte(strings.Repeat(" ", size*4))
	}
	put := func(x, y int, s string) {
		if y >= 0 && y < len(rows) && x >= 0 && x+len(s) <= len(rows[y]) {
			copy(rows[y][x:], s)
		}
	}
	for id, loc := range s.Locations {
		p, ok := LayoutOf(id)
		if !ok || p.Level != cur.Level || !visited(id) {
			continue
		}
		mark := " "
		switch {
		case id == here:
			mark = "@"
		case loc.Exits["down"] != nil:
			mark = ">"
		case loc.Exits["up"] != nil:
			mark = "<"
		}
		put(p.X*4, p.Y*2, "["+mark+"]")
		for dir, ex := range loc.Exits {
			to, ok := LayoutOf(ex.To)
			if !ok || to.Level != cur.Level {
				continue
			}
			link := "-"
			if dir == "south" || dir == "north" {
				link = "|"
			}
			if ex.Door != "" {
				link = "+"
			}
			// A link sits east of or below the western or northern cell
			// of the pair, whichever of the two was visited.
			switch dir {
			case "east":
				put(p.X*4+3, p.Y*2, link)
			case "west":
				put(to.X*4+3, to.Y*2, link)
			case "south":
				put(p.X*4+1, p.Y*2+1, link)
			case "north":
				put(to.X*4+1, to.Y*2+1, link)
			}
			if !visited(ex.To) {
				put(to.X*4+1, to.Y*2, "?")
			}
		}
	}
	var out []string
	for _, r := range rows {
		if line := strings.TrimRight(string(r), " "); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
