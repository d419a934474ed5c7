package dungeon

import "math/rand/v2"

// cell is a position on a level's grid.
type cell struct{ x, y int }

// dir is one of the four ways a grid cell can connect to its neighbour.
type dir int

const (
	north dir = iota
	east
	south
	west
)

var dirNames = [...]string{north: "north", east: "east", south: "south", west: "west"}

func (c cell) step(d dir) cell {
	switch d {
	case north:
		return cell{c.x, c.y - 1}
	case south:
		return cell{c.x, c.y + 1}
	case east:
		return cell{c.x + 1, c.y}
	default:
		return cell{c.x - 1, c.y}
	}
}

// edge joins two used cells; a is the one nearer the entrance when the edge
// is part of the spanning tree.
type edge struct {
	a, b cell
	d    dir // the way from a to b
	tree bool
}

// level is one floor of the dungeon before it becomes story data.
type level struct {
	n        int // 1 at the top
	size     int
	entrance cell
	cells    []cell // in the order they were added: deterministic
	used     map[cell]bool
	edges    []*edge
	adj      map[cell][]*edge
}

// carve grows a random spanning tree from the entrance until it holds
// rooms cells, then adds a few extra connections so not every level is a
// tree. Growing from the frontier (not a pure walk) keeps levels bushy,
// which gives locked doors somewhere meaningful to stand.
func carve(rng *rand.Rand, n, size, rooms int, entrance cell) *level {
	lv := &level{n: n, size: size, entrance: entrance, used: map[cell]bool{}, adj: map[cell][]*edge{}}
	lv.add(entrance)
	type frontier struct {
		from cell
		d    dir
	}
	var front []frontier
	push := func(c cell) {
		for d := north; d <= west; d++ {
			if nb := c.step(d); lv.inside(nb) && !lv.used[nb] {
				front = append(front, frontier{c, d})
			}
		}
	}
	push(entrance)
	for len(lv.cells) < rooms && len(front) > 0 {
		i := rng.IntN(len(front))
		f := front[i]
		front[i] = front[len(front)-1]
		front = front[:len(front)-1]
		to := f.from.step(f.d)
		if lv.used[to] {
			continue
		}
		lv.add(to)
		lv.connect(f.from, to, f.d, true)
		push(to)
	}
	// Loops: about one extra connection per five rooms.
	for tries, extra := 0, len(lv.cells)/5; extra > 0 && tries < 50; tries++ {
		c := lv.cells[rng.IntN(len(lv.cells))]
		d := dir(rng.IntN(4))
		nb := c.step(d)
		if lv.used[nb] && !lv.connected(c, nb) {
			lv.connect(c, nb, d, false)
			extra--
		}
	}
	return lv
}

func (lv *level) inside(c cell) bool {
	return c.x >= 0 && c.y >= 0 && c.x < lv.size && c.y < lv.size
}

func (lv *level) add(c cell) {
	lv.used[c] = true
	lv.cells = append(lv.cells, c)
}

func (lv *level) connect(a, b cell, d dir, tree bool) {
	e := &edge{a: a, b: b, d: d, tree: tree}
	lv.edges = append(lv.edges, e)
	lv.adj[a] = append(lv.adj[a], e)
	lv.adj[b] = append(lv.adj[b], e)
}

func (lv *level) connected(a, b cell) bool {
	for _, e := range lv.adj[a] {
		if e.a == b || e.b == b {
			return true
		}
	}
	return false
}

// other is the far end of e seen from c.
func (e *edge) other(c cell) cell {
	if e.a == c {
		return e.b
	}
	return e.a
}

// distances is a breadth-first search from the entrance, not crossing
// blocked edges; unreachable cells are absent.
func (lv *level) distances(blocked func(*edge) bool) map[cell]int {
	dist := map[cell]int{lv.entrance: 0}
	queue := []cell{lv.entrance}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, e := range lv.adj[c] {
			if blocked != nil && blocked(e) {
				continue
			}
			if nb := e.other(c); !hasCell(dist, nb) {
				dist[nb] = dist[c] + 1
				queue = append(queue, nb)
			}
		}
	}
	return dist
}

func hasCell(m map[cell]int, c cell) bool { _, ok := m[c]; return ok }

// farthest is the reachable cell farthest from the entrance, ties broken by
// the order cells were carved, so the choice is deterministic.
func (lv *level) farthest(dist map[cell]int) cell {
	best := lv.entrance
	for _, c := range lv.cells {
		if d, ok := dist[c]; ok && d > dist[best] {
			best = c
		}
	}
	return best
}
