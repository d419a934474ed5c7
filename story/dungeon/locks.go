package dungeon

import (
	"math/rand/v2"
	"sort"
)

// lock is a locked door on an edge and where its key lies.
type lock struct {
	e   *edge
	key cell
}

// placeLocks locks up to want doors on the way from the entrance to goal,
// choosing only bridges (edges every route to goal must cross) so that a
// door is never pointless, and puts each key where the player can reach it
// with the keys of the doors nearer the entrance and no others. That order
// is what makes every dungeon winnable: the nearest door's key is on this
// side of it, the next door's key is on this side of that door, and so on.
func placeLocks(rng *rand.Rand, lv *level, goal cell, want int) []lock {
	var bridges []*edge
	for _, e := range lv.edges {
		if !e.tree {
			continue
		}
		blocked := func(x *edge) bool { return x == e }
		if _, ok := lv.distances(blocked)[goal]; !ok {
			bridges = append(bridges, e)
		}
	}
	rng.Shuffle(len(bridges), func(i, j int) { bridges[i], bridges[j] = bridges[j], bridges[i] })
	if len(bridges) > want {
		bridges = bridges[:want]
	}
	dist := lv.distances(nil)
	sort.SliceStable(bridges, func(i, j int) bool {
		return min(dist[bridges[i].a], dist[bridges[i].b]) < min(dist[bridges[j].a], dist[bridges[j].b])
	})
	locks := make([]lock, len(bridges))
	for i, e := range bridges {
		stillLocked := map[*edge]bool{}
		for _, later := range bridges[i:] {
			stillLocked[later] = true
		}
		reach := lv.distances(func(x *edge) bool { return stillLocked[x] })
		var spots []cell
		for _, c := range lv.cells {
			if _, ok := reach[c]; ok && c != lv.entrance {
				spots = append(spots, c)
			}
		}
		key := lv.entrance
		if len(spots) > 0 {
			key = spots[rng.IntN(len(spots))]
		}
		locks[i] = lock{e: e, key: key}
	}
	return locks
}
