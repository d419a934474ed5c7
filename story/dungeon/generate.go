package dungeon

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/tale-if/tale/story"
)

// victoryScore is awarded for carrying the hoard out.
const victoryScore = 50

// seedSalt separates the PCG's two words so seed 0 is as good as any.
const seedSalt = 0x9e3779b97f4a7c15

// Generate builds the dungeon for seed from base, the loaded story folder
// (its config, catalogue.yaml and themes.yaml). Same base and seed, same
// dungeon, down to the order of every map.
func Generate(base *story.Story, seed uint64) (*story.Story, error) {
	var params Params
	var err error
	if base.Config.Generator != nil {
		params, err = parseParams(base.Config.Generator.Params)
	} else {
		params = defaultParams()
	}
	if err != nil {
		return nil, err
	}
	var cat catalogue
	if err := readStrict(base.Assets, story.GeneratorDir+"/catalogue.yaml", &cat); err != nil {
		return nil, err
	}
	if err := cat.check(); err != nil {
		return nil, err
	}
	var th themes
	if err := readStrict(base.Assets, story.GeneratorDir+"/themes.yaml", &th); err != nil {
		return nil, err
	}
	if err := th.check(); err != nil {
		return nil, err
	}
	levelThemes, err := themesFor(params, th)
	if err != nil {
		return nil, err
	}
	b := &builder{
		rng:    rand.New(rand.NewPCG(seed, seed^seedSalt)),
		p:      params,
		cat:    cat,
		themes: levelThemes,
		keys:   append([]string(nil), cat.Keys...),
	}
	b.rng.Shuffle(len(b.keys), func(i, j int) { b.keys[i], b.keys[j] = b.keys[j], b.keys[i] })
	return b.build(base), nil
}

func themesFor(p Params, th themes) ([]theme, error) {
	byID := map[string]theme{}
	for _, t := range th.Themes {
		byID[t.ID] = t
	}
	ids := p.Themes
	if len(ids) == 0 {
		for _, t := range th.Themes {
			ids = append(ids, t.ID)
		}
	}
	out := make([]theme, p.Depth)
	for i := range out {
		t, ok := byID[ids[i%len(ids)]]
		if !ok {
			return nil, fmt.Errorf("generator.params.themes: no theme %q in themes.yaml", ids[i%len(ids)])
		}
		out[i] = t
	}
	return out, nil
}

// builder accumulates the story while levels are generated top down.
type builder struct {
	rng    *rand.Rand
	p      Params
	cat    catalogue
	themes []theme
	keys   []string // key names, shuffled, handed out in order
	nKeys  int

	s *story.Story
}

func (b *builder) build(base *story.Story) *story.Story {
	b.s = &story.Story{
		ID:        base.ID,
		Config:    base.Config,
		Locations: map[string]*story.Location{},
		Items:     map[string]*story.Item{},
		Doors:     map[string]*story.Door{},
		NPCs:      map[string]*story.NPC{},
		Events:    map[string]*story.TimedEvent{},
		Assets:    base.Assets,
	}
	entrance := cell{b.p.LevelSize / 2, b.p.LevelSize / 2}
	b.s.Config.Start = locationID(1, entrance)
	var above *level
	var aboveGoal cell
	for n := 1; n <= b.p.Depth; n++ {
		lv := carve(b.rng, n, b.p.LevelSize, b.p.RoomsPerLevel, entrance)
		goal := lv.farthest(lv.distances(nil))
		locks := placeLocks(b.rng, lv, goal, 1+(n-1)/2)
		b.addLevel(lv, locks)
		if above != nil {
			b.stairs(above, aboveGoal, lv)
		}
		b.populate(lv, goal)
		if n == b.p.Depth {
			b.lair(lv, goal)
		}
		above, aboveGoal, entrance = lv, goal, goal
	}
	b.victory()
	b.s.Config.MaxScore = b.maxScore()
	return b.s
}

// maxScore is everything there is to score: the treasure lying about, the
// hoard and the homecoming.
func (b *builder) maxScore() int {
	total := b.cat.Boss.Treasure.Score + victoryScore
	for _, it := range b.s.Items {
		total += it.Score
	}
	return total
}

func (b *builder) addLevel(lv *level, locks []lock) {
	locked := map[*edge]int{}
	for i, l := range locks {
		locked[l.e] = i
	}
	nm := namer{rng: b.rng, th: b.themes[lv.n-1], used: map[string]bool{}}
	texts := map[cell]roomText{}
	for _, c := range lv.cells {
		var neighbours []roomText
		for _, e := range lv.adj[c] {
			if t, ok := texts[e.other(c)]; ok {
				neighbours = append(neighbours, t)
			}
		}
		corridor := len(lv.adj[c]) == 2 && c != lv.entrance && b.rng.IntN(2) == 0
		texts[c] = nm.compose(corridor, neighbours)
		t := texts[c]
		loc := &story.Location{
			ID:          locationID(lv.n, c),
			Name:        t.name,
			Description: t.feature + " " + t.atmosphere,
			Exits:       map[string]*story.Exit{},
		}
		if lv.n == 1 && c == lv.entrance {
			loc.Name = "Foot of the Abbey Stair"
			loc.Description = "The worn stair from the ruined abbey ends here; grey daylight falls from far above. " + t.atmosphere
		}
		b.addLocation(loc)
	}
	for _, e := range lv.edges {
		from, to := b.s.Locations[locationID(lv.n, e.a)], b.s.Locations[locationID(lv.n, e.b)]
		var doorID string
		if i, ok := locked[e]; ok {
			doorID = b.door(lv, i, locks[i])
		}
		from.Exits[dirNames[e.d]] = &story.Exit{To: to.ID, Door: doorID}
		to.Exits[dirNames[(e.d+2)%4]] = &story.Exit{To: from.ID, Door: doorID}
	}
}

// door creates a locked door and its key, and returns the door's id.
func (b *builder) door(lv *level, i int, l lock) string {
	keyName := fmt.Sprintf("key %d", b.nKeys+1)
	if b.nKeys < len(b.keys) {
		keyName = b.keys[b.nKeys] + " key"
	}
	b.nKeys++
	doorName := pick(b.rng, b.cat.Doors)
	id := fmt.Sprintf("l%d_door_%d", lv.n, i+1)
	keyID := fmt.Sprintf("l%d_key_%d", lv.n, i+1)
	b.addDoor(&story.Door{
		ID:          id,
		Name:        doorName,
		Description: fmt.Sprintf("A %s with a heavy lock. A keyhole shaped for a %s.", doorName, keyName),
		State:       "locked",
		Key:         keyID,
	})
	b.addItem(&story.Item{
		ID:          keyID,
		Name:        keyName,
		Aliases:     []string{"key"},
		Description: fmt.Sprintf("A %s, cold and heavy. Somewhere on this level is a %s it fits.", keyName, doorName),
		At:          locationID(lv.n, l.key),
		Weight:      0,
	})
	return id
}

// stairs joins the bottom of one level to the entrance of the next.
func (b *builder) stairs(above *level, at cell, below *level) {
	top := b.s.Locations[locationID(above.n, at)]
	bottom := b.s.Locations[locationID(below.n, below.entrance)]
	top.Exits["down"] = &story.Exit{To: bottom.ID, Message: "You take the stair down into deeper dark."}
	bottom.Exits["up"] = &story.Exit{To: top.ID, Message: "You climb the stair."}
	top.Description += " A stair spirals down into the dark."
	bottom.Description += " A stair climbs up towards the level above."
}

// populate puts creatures and useful things on a level, more of both and
// stronger creatures the deeper it is.
func (b *builder) populate(lv *level, goal cell) {
	var rooms []string
	for _, c := range lv.cells {
		rooms = append(rooms, locationID(lv.n, c))
	}
	spots := lv.cells[1:] // never in the level's entrance
	for i := 0; i < 1+lv.n && len(spots) > 0; i++ {
		cr, ok := b.creatureFor(lv.n)
		if !ok {
			break
		}
		at := spots[b.rng.IntN(len(spots))]
		if lv.n == b.p.Depth && at == goal {
			continue // the lair is the boss's alone
		}
		b.addNPC(b.monster(cr, lv.n, i+1, locationID(lv.n, at), rooms))
	}
	kinds := []string{"weapon", "potion", "treasure", "food"}
	if lv.n%2 == 0 {
		kinds[0] = "armour"
	}
	if lv.n >= 3 {
		kinds = append(kinds, "potion")
	}
	for i, kind := range kinds {
		t, ok := b.thingFor(kind, lv.n)
		if !ok {
			continue
		}
		at := lv.cells[b.rng.IntN(len(lv.cells))]
		b.addItem(b.item(t, fmt.Sprintf("l%d_%s_%d", lv.n, t.ID, i+1), locationID(lv.n, at)))
	}
}

func (b *builder) creatureFor(depth int) (creature, bool) {
	var fit []creature
	for _, c := range b.cat.Creatures {
		if depth >= c.Depth[0] && depth <= c.Depth[1] {
			fit = append(fit, c)
		}
	}
	if len(fit) == 0 {
		return creature{}, false
	}
	return fit[b.rng.IntN(len(fit))], true
}

func (b *builder) thingFor(kind string, depth int) (thing, bool) {
	var fit []thing
	for _, t := range b.cat.Items {
		if t.Kind == kind && depth >= t.Depth[0] && depth <= t.Depth[1] {
			fit = append(fit, t)
		}
	}
	if len(fit) == 0 {
		return thing{}, false
	}
	return fit[b.rng.IntN(len(fit))], true
}

// scaled grows a creature's figures for each level below its first.
func (b *builder) scaled(st story.Stats, levelsDeeper int) story.Stats {
	f := 1 + b.cat.ScalePerLevel*float64(max(levelsDeeper, 0))
	grow := func(v int) int { return int(math.Round(float64(v) * f)) }
	return story.Stats{HP: grow(st.HP), Attack: grow(st.Attack), Defence: grow(st.Defence), Level: max(st.Level, 1+levelsDeeper), XP: grow(st.XP), Gold: st.Gold}
}

func (b *builder) monster(cr creature, depth, i int, at string, rooms []string) *story.NPC {
	stats := b.scaled(cr.Stats, depth-cr.Depth[0])
	npc := &story.NPC{
		ID:          fmt.Sprintf("l%d_%s_%d", depth, cr.ID, i),
		Name:        cr.Name,
		Gender:      "n",
		Aliases:     cr.Aliases,
		Description: cr.Description,
		At:          at,
		Stats:       &stats,
		Hostile:     cr.Hostile,
	}
	if cr.Wander > 0 {
		npc.Behaviour.Wander = &story.Wander{Every: cr.Wander, Within: rooms}
	}
	return npc
}

func (b *builder) item(t thing, id, at string) *story.Item {
	it := &story.Item{
		ID:          id,
		Name:        t.Name,
		Article:     t.Article,
		Plural:      t.Plural,
		Aliases:     t.Aliases,
		Description: t.Description,
		At:          at,
		Weight:      t.Weight,
		Value:       t.Value,
		Score:       t.Score,
		Heal:        t.Heal,
		Weapon:      t.Weapon,
		Armour:      t.Armour,
	}
	switch t.Kind {
	case "potion":
		it.Drinkable = true
	case "food":
		it.Edible = true
	case "armour":
		it.Wearable = true
	}
	return it
}

// lair puts the boss and the hoard in the deepest room. The hoard cannot be
// taken while the boss stands in the room; once it is gone, it can.
func (b *builder) lair(lv *level, goal cell) {
	room := locationID(lv.n, goal)
	boss := b.cat.Boss
	stats := boss.Stats
	b.addNPC(&story.NPC{
		ID:          boss.ID,
		Name:        boss.Name,
		Gender:      "n",
		Aliases:     boss.Aliases,
		Description: boss.Description,
		At:          room,
		Stats:       &stats,
		Hostile:     true,
	})
	guarded := story.Conditions{{NPC: boss.ID, At: room}}
	hoard := b.item(boss.Treasure, boss.Treasure.ID, room)
	hoard.Score = 0 // awarded by the action below, once
	hoard.Actions = []*story.Action{{
		Verbs:  []string{"take", "get"},
		If:     story.Conditions{{Not: guarded}},
		Do:     story.Effects{{Move: hoard.ID, To: "player"}, {Say: "You heave the " + hoard.Name + " onto your back."}, {Score: boss.Treasure.Score}},
		Refuse: fmt.Sprintf("The %s stands over the %s. You will have to deal with it first.", boss.Name, hoard.Name),
		Once:   true,
	}}
	b.addItem(hoard)
	b.s.Locations[room].Description += " This is the lair: the air is colder than anywhere above."
}

// victory ends the story when the hoard reaches the foot of the stair.
func (b *builder) victory() {
	b.s.Rules = append(b.s.Rules, &story.Rule{
		ID:   "victory",
		If:   story.Conditions{{Carrying: b.cat.Boss.Treasure.ID}, {In: b.s.Config.Start}},
		Do:   story.Effects{{Score: victoryScore}, {End: "victory"}},
		Once: true,
	})
}

func (b *builder) addLocation(l *story.Location) {
	b.s.Locations[l.ID] = l
	b.s.Order.Locations = append(b.s.Order.Locations, l.ID)
}

func (b *builder) addItem(it *story.Item) {
	b.s.Items[it.ID] = it
	b.s.Order.Items = append(b.s.Order.Items, it.ID)
}

func (b *builder) addDoor(d *story.Door) {
	b.s.Doors[d.ID] = d
	b.s.Order.Doors = append(b.s.Order.Doors, d.ID)
}

func (b *builder) addNPC(n *story.NPC) {
	b.s.NPCs[n.ID] = n
	b.s.Order.NPCs = append(b.s.Order.NPCs, n.ID)
}
