package driver

import (
	"mime"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// describe is the room description. full forces the whole text (the look
// command, a snapshot); otherwise the verbosity and whether the place was
// seen before decide.
func (g *Game) describe(full bool) string {
	loc := g.story.Locations[g.st.Location]
	if loc == nil {
		return "You are nowhere at all."
	}
	paras := []string{"<location>" + loc.Name + "</location>"}
	first := !g.st.Visited[loc.ID]
	switch {
	case full || first || g.st.Verbosity == "verbose":
		paras = append(paras, loc.Description)
	case g.st.Verbosity == "brief" && loc.Brief != "":
		paras = append(paras, loc.Brief)
	}
	paras = append(paras, g.describeItems(loc.ID)...)
	if p := g.describeNPCs(loc.ID); p != "" {
		paras = append(paras, p)
	}
	paras = append(paras, g.describeExits())
	var b strings.Builder
	for _, p := range paras {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

// describeItems uses each item's own sentence where it has one and lists
// the rest, then says what open things here contain.
func (g *Game) describeItems(loc string) []string {
	var sentences []string
	var loose []*story.Item
	here := g.contents(loc)
	for _, id := range here {
		it := g.item(id)
		if it.InRoom != "" {
			sentences = append(sentences, it.InRoom)
		} else if !it.Fixed {
			loose = append(loose, it)
		}
	}
	listed := aFew(loose, nil)
	var out []string
	if len(sentences) > 0 {
		out = append(out, strings.Join(sentences, " "))
	}
	if len(listed) > 0 {
		out = append(out, "You see "+listAnd(listed)+" here.")
	}
	for _, id := range here {
		if s := g.describeContents(id); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// describeContents is "The wooden box contains a coin." or "On the table
// is a cup.", or "" when nothing shows.
func (g *Game) describeContents(id string) string {
	if !g.seeInside(id) {
		return ""
	}
	inside := g.contents(id)
	if len(inside) == 0 {
		return ""
	}
	its := make([]*story.Item, len(inside))
	for i, c := range inside {
		its[i] = g.item(c)
	}
	names := aFew(its, nil)
	it := g.item(id)
	if it.Supporter && it.Container == nil {
		verb := "is"
		if len(inside) > 1 || g.item(inside[0]).Plural {
			verb = "are"
		}
		return "On " + theItem(it) + " " + verb + " " + listAnd(names) + "."
	}
	verb := "contains"
	if it.Plural {
		verb = "contain"
	}
	return capital(theItem(it)) + " " + verb + " " + listAnd(names) + "."
}

func (g *Game) describeNPCs(loc string) string {
	var parts []string
	ids := g.npcsAt(loc)
	// Several of one kind (two hunched ghouls) are one sentence.
	count := map[string]int{}
	for _, id := range ids {
		if n := g.story.NPCs[id]; n.InRoom == "" && n.ProperName == "" {
			count[n.Name]++
		}
	}
	for _, id := range ids {
		n := g.story.NPCs[id]
		switch k := count[n.Name]; {
		case n.InRoom != "":
			parts = append(parts, n.InRoom)
		case n.ProperName == "" && k > 1:
			parts = append(parts, "There are "+numberWord(k)+" <living>"+n.Name+"s</living> here.")
			count[n.Name] = -1 // said
		case k >= 0 || n.ProperName != "":
			parts = append(parts, capital(theNPC(n))+" is here.")
		}
	}
	return strings.Join(parts, " ")
}

func numberWord(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return strconv.Itoa(n)
}

var numberWords = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

func (g *Game) describeExits() string {
	exits := g.exitsOf(g.st.Location)
	if len(exits) == 0 {
		return "There is no obvious way out."
	}
	names := make([]string, len(exits))
	for i, ex := range exits {
		names[i] = "<exit>" + ex.name + "</exit>"
	}
	label := "Exits: "
	if len(exits) == 1 {
		label = "Exit: "
	}
	return label + strings.Join(names, ", ") + "."
}

// arrive shows a location the player has just entered and runs what
// entering sets off.
func (g *Game) arrive() {
	// An on_enter that teleports back into its own room would recurse
	// until the stack overflows, which no recover can catch.
	if g.arriving >= maxArrivals {
		panic("teleports nest too deeply (does an on_enter teleport into its own location?)")
	}
	g.arriving++
	defer func() { g.arriving-- }()
	loc := g.story.Locations[g.st.Location]
	g.say(g.describe(false))
	if loc.Image != "" {
		g.emit(tio.Event{Kind: tio.KindImage, Image: &tio.Image{Path: loc.Image,
			MIME: mime.TypeByExtension(path.Ext(loc.Image)), Alt: loc.Name}})
	}
	g.st.Visited[loc.ID] = true
	g.react(loc.OnEnter)
	for _, id := range g.npcsAt(loc.ID) {
		g.react(g.story.NPCs[id].Behaviour.OnArrival)
	}
}

// maxArrivals bounds teleports set off by arriving somewhere.
const maxArrivals = 8

// status is the KindState payload for the current moment.
func (g *Game) status() *tio.State {
	s := g.story
	st := &tio.State{Story: s.Config.Name, Turns: g.st.Turns, Score: g.st.Score,
		MaxScore: s.Config.MaxScore, Clock: g.clock()}
	if loc := s.Locations[g.st.Location]; loc != nil {
		st.Location = loc.Name
		st.LocationImage = loc.Image
	}
	st.Exits = []string{}
	for _, ex := range g.exitsOf(g.st.Location) {
		st.Exits = append(st.Exits, ex.name)
	}
	st.Items, st.Inventory = []string{}, []string{}
	for _, id := range s.Order.Items {
		switch g.st.Items[id] {
		case g.st.Location:
			if it := s.Items[id]; !it.Fixed {
				st.Items = append(st.Items, it.Name)
			}
		case player:
			st.Inventory = append(st.Inventory, s.Items[id].Name)
		}
	}
	if g.st.MaxHP > 0 {
		st.HP, st.MaxHP, st.Level = g.st.HP, g.st.MaxHP, g.st.Level
	}
	st.NPCs = []string{}
	for _, id := range g.npcsAt(g.st.Location) {
		st.NPCs = append(st.NPCs, npcPlain(s.NPCs[id]))
	}
	return st
}

func (g *Game) clock() string {
	t := g.clockStart.Add(time.Duration(g.st.Ticks*g.minPerTick) * time.Minute)
	return t.Format("15:04")
}
