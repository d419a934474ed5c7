package bot

import (
	"cmp"
	"slices"
)

// pos is a room's place on its level's grid, relative to where the bot
// first stood on that level (the stair foot, or the start): x grows east,
// y grows south, as the dungeon lays its grids out.
type pos struct{ x, y int }

func (p pos) step(dir string) pos {
	d := compass[dir]
	return pos{p.x + d.x, p.y + d.y}
}

// compass is how each grid direction moves; up and down change level.
var compass = map[string]pos{"north": {0, -1}, "south": {0, 1}, "east": {1, 0}, "west": {-1, 0}}

var opposite = map[string]string{"north": "south", "south": "north", "east": "west", "west": "east", "up": "down", "down": "up"}

func isCompass(dir string) bool { _, ok := compass[dir]; return ok }

// exitStatus is what the bot knows of one exit of one room.
type exitStatus uint8

const (
	exitUnknown exitStatus = iota // listed, never tried
	exitOpen                      // walked through, or opened
	exitClosed                    // a closed door: open it first
	exitLocked                    // a locked door no carried key fitted
	exitBlocked                   // refused for good ("You can't go that way.")
)

type exitInfo struct {
	status exitStatus
	// triedAt is the bot's count of finds when a key last failed here; the
	// door is worth another try once more things have been picked up.
	triedAt int
}

// room is one explored (or glimpsed) location.
type room struct {
	name    string
	exits   map[string]*exitInfo
	visited bool
	// What was here when the bot last stood here.
	items, npcs []string
}

func (r *room) exit(dir string) *exitInfo {
	if r.exits == nil {
		r.exits = map[string]*exitInfo{}
	}
	e := r.exits[dir]
	if e == nil {
		e = &exitInfo{}
		r.exits[dir] = e
	}
	return e
}

func (r *room) sortedExits() []string {
	out := make([]string, 0, len(r.exits))
	for d := range r.exits {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// level is the bot's map of one floor.
type level struct {
	rooms map[pos]*room
	// down is the room with the stair down, when seen.
	down    pos
	hasDown bool
	// avoid are rooms the bot left in a hurry (a fight going badly): a
	// careful search passes through them only as a last resort.
	avoid map[pos]bool
}

func newLevel() *level { return &level{rooms: map[pos]*room{}, avoid: map[pos]bool{}} }

func (lv *level) room(p pos) *room {
	r := lv.rooms[p]
	if r == nil {
		r = &room{}
		lv.rooms[p] = r
	}
	return r
}

func (lv *level) byName(name string) (pos, bool) {
	for _, p := range lv.sortedPositions() {
		if lv.rooms[p].name == name {
			return p, true
		}
	}
	return pos{}, false
}

func (lv *level) sortedPositions() []pos {
	ps := make([]pos, 0, len(lv.rooms))
	for p := range lv.rooms {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b pos) int {
		if c := cmp.Compare(a.y, b.y); c != 0 {
			return c
		}
		return cmp.Compare(a.x, b.x)
	})
	return ps
}

// atlas is the bot's map of the whole dungeon and where it stands in it,
// kept by dead reckoning: every move it makes shifts its position by the
// direction's step, and up and down change level. Location names, unique
// within a level, check the reckoning and repair it when it slips.
type atlas struct {
	levels map[int]*level
	depth  int // 1 at the top
	at     pos
	// slips counts arrivals whose name did not match the map.
	slips int
}

func newAtlas() *atlas {
	return &atlas{levels: map[int]*level{1: newLevel()}, depth: 1}
}

func (a *atlas) level() *level { return a.levels[a.depth] }

func (a *atlas) here() *room { return a.level().room(a.at) }

// observe records what the bot sees where it stands: the location's name
// and the exits the status lists. Exits already known keep what was
// learned of them.
func (a *atlas) observe(name string, exits []string) {
	r := a.here()
	if r.name == "" {
		r.name = name
	}
	r.visited = true
	for _, d := range exits {
		r.exit(d)
		if d == "down" {
			lv := a.level()
			lv.down, lv.hasDown = a.at, true
		}
	}
}

// moved records a successful move through dir that ended in a location
// called name, with exits. It returns false when the map had a different
// room there and the position had to be repaired by name.
func (a *atlas) moved(dir, name string, exits []string) bool {
	from := a.here()
	from.exit(dir).status = exitOpen
	ok := true
	switch {
	case dir == "down":
		a.depth++
		if a.levels[a.depth] == nil {
			a.levels[a.depth] = newLevel()
		}
		a.at = pos{}
	case dir == "up" && a.depth > 1:
		a.depth--
		lv := a.level()
		if lv.hasDown {
			a.at = lv.down
		} else {
			ok = false
		}
	case isCompass(dir):
		a.at = a.at.step(dir)
	default:
		ok = false // a named passage: the grid cannot say where it goes
	}
	// Names are unique within a level: a name already on the map says
	// where the bot is, whatever the reckoning says.
	if p, found := a.level().byName(name); found && p != a.at {
		ok = false
		a.at = p
	} else if r := a.level().rooms[a.at]; r != nil && r.name != "" && r.name != name {
		// A known room with another name, and this name is new: the map
		// was wrong here. Start the place afresh rather than mix the two.
		ok = false
		*r = room{}
	}
	if !ok {
		a.slips++
	}
	to := a.here()
	a.observe(name, exits)
	if back, ok := opposite[dir]; ok && to.exits[back] != nil {
		to.exits[back].status = exitOpen
	}
	return ok
}

// step is one move of a path: from a room, through an exit.
type step struct {
	from pos
	dir  string
}

// passable says whether the bot may plan a path through exit dir of the
// room at p: known open ways, closed doors (one "open" away), and listed
// ways into rooms already on the map (the grid says where they lead).
func (lv *level) passable(p pos, dir string, e *exitInfo) (pos, bool) {
	if !isCompass(dir) {
		return pos{}, false
	}
	q := p.step(dir)
	switch e.status {
	case exitOpen, exitClosed:
		return q, true
	case exitUnknown:
		if r := lv.rooms[q]; r != nil && r.visited {
			return q, true
		}
	}
	return pos{}, false
}

// paths is a breadth-first search over the known map from p: the
// distance to every reachable room and the step that reached it. A
// careful search does not enter rooms to avoid.
func (lv *level) paths(from pos, careful bool) (dist map[pos]int, prev map[pos]step) {
	dist = map[pos]int{from: 0}
	prev = map[pos]step{}
	queue := []pos{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		r := lv.rooms[p]
		if r == nil {
			continue
		}
		for _, d := range r.sortedExits() {
			q, ok := lv.passable(p, d, r.exits[d])
			if !ok {
				continue
			}
			if _, seen := dist[q]; seen {
				continue
			}
			if lv.rooms[q] == nil || !lv.rooms[q].visited {
				continue // an unexplored room is a goal, not a way through
			}
			if careful && lv.avoid[q] {
				continue
			}
			dist[q] = dist[p] + 1
			prev[q] = step{p, d}
			queue = append(queue, q)
		}
	}
	return dist, prev
}

// route is the list of exits to take from `from` to `to`, or ok false.
func (lv *level) route(from, to pos, careful bool) (dirs []string, ok bool) {
	dist, prev := lv.paths(from, careful)
	if _, ok := dist[to]; !ok {
		return nil, false
	}
	for p := to; p != from; {
		s := prev[p]
		dirs = append(dirs, s.dir)
		p = s.from
	}
	slices.Reverse(dirs)
	return dirs, true
}

// nearest is the closest reachable room that want accepts.
func (lv *level) nearest(from pos, careful bool, want func(pos, *room) bool) (pos, int, bool) {
	dist, _ := lv.paths(from, careful)
	best, bestD, found := pos{}, 0, false
	for _, p := range lv.sortedPositions() {
		d, ok := dist[p]
		if ok && want(p, lv.rooms[p]) && (!found || d < bestD) {
			best, bestD, found = p, d, true
		}
	}
	return best, bestD, found
}

// target is an exit worth going to: one never tried into an unknown cell,
// or a locked door to try again with keys found since.
type target struct {
	at   pos
	dir  string
	dist int
}

// frontier lists the targets reachable from `from`, nearest first, ties
// in map order so the bot is deterministic.
func (lv *level) frontier(from pos, finds int, careful bool) []target {
	dist, _ := lv.paths(from, careful)
	var out []target
	for _, p := range lv.sortedPositions() {
		d, ok := dist[p]
		if !ok {
			continue
		}
		r := lv.rooms[p]
		for _, dir := range r.sortedExits() {
			e := r.exits[dir]
			if !isCompass(dir) {
				continue
			}
			switch e.status {
			case exitUnknown, exitOpen, exitClosed:
				if q := lv.rooms[p.step(dir)]; q != nil && q.visited {
					continue // leads somewhere known: a way, not a goal
				}
			case exitLocked:
				if e.triedAt >= finds {
					continue
				}
			default:
				continue
			}
			out = append(out, target{p, dir, d + 1})
		}
	}
	slices.SortStableFunc(out, func(a, b target) int { return cmp.Compare(a.dist, b.dist) })
	return out
}
