package driver

import "iter"

// smallByPlayer is how many players a byPlayer holds without a map: a
// command touches its own player and now and then one or two others.
const smallByPlayer = 4

// byPlayer is a map keyed by player for one turn. Most turns have one
// entry, for which a Go map's two allocations were a tenth of a
// command's; past smallByPlayer (a say to a crowded room) it is a map.
type byPlayer[V any] struct {
	n    int
	keys [smallByPlayer]*player
	vals [smallByPlayer]V
	m    map[*player]V
}

func (b *byPlayer[V]) get(p *player) V {
	for i := range b.n {
		if b.keys[i] == p {
			return b.vals[i]
		}
	}
	return b.m[p] // a nil map reads as empty
}

func (b *byPlayer[V]) set(p *player, v V) {
	for i := range b.n {
		if b.keys[i] == p {
			b.vals[i] = v
			return
		}
	}
	if b.n < smallByPlayer { // then the map is empty: it fills only after
		b.keys[b.n], b.vals[b.n] = p, v
		b.n++
		return
	}
	if b.m == nil {
		b.m = map[*player]V{}
	}
	b.m[p] = v
}

// all is every entry: the small ones in the order set, then the map's.
func (b *byPlayer[V]) all() iter.Seq2[*player, V] {
	return func(yield func(*player, V) bool) {
		for i := range b.n {
			if !yield(b.keys[i], b.vals[i]) {
				return
			}
		}
		for p, v := range b.m {
			if !yield(p, v) {
				return
			}
		}
	}
}

func (b *byPlayer[V]) reset() { *b = byPlayer[V]{} }
