package driver

import (
	"mime"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// describe is the room description. full forces the whole text (the look
// command, a snapshot); otherwise the verbosity and whether the place was
// seen before decide. It is written as one string, paragraph by
// paragraph: every look and every move makes one.
func (tn *turn) describe(full bool) string {
	loc := tn.story.Locations[tn.st.Location]
	if loc == nil {
		return "You are nowhere at all."
	}
	if tn.dark() {
		return "<location>" + darkName + "</location>\n\n" + darkText
	}
	var w paras
	w.b.Grow(descriptionSize)
	w.b.WriteString("<location>")
	w.b.WriteString(loc.Name)
	w.b.WriteString("</location>")
	first := !tn.st.Visited[loc.ID]
	switch {
	case full || first || tn.st.Verbosity == "verbose":
		w.add(tn.vary(loc.Description))
	case tn.st.Verbosity == "brief" && loc.Brief != "":
		w.add(tn.vary(loc.Brief))
	}
	tn.describeItems(&w, loc.ID)
	w.add(tn.describeNPCs(loc.ID))
	w.add(tn.describePlayers())
	tn.writeExits(&w)
	return w.b.String()
}

// descriptionSize is room for most rooms' description in one allocation.
const descriptionSize = 512

// roomThings is how many things describeItems and describeContents list
// without allocating: more than most rooms and boxes hold.
const roomThings = 16

// paras writes paragraphs of markup: each trimmed, the empty ones left
// out, a blank line between.
type paras struct{ b strings.Builder }

func (w *paras) add(p string) {
	if p = strings.TrimSpace(p); p != "" {
		w.next()
		w.b.WriteString(p)
	}
}

// next starts a paragraph the caller writes itself (one that starts and
// ends with no space).
func (w *paras) next() {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
}

// describeItems uses each item's own sentence where it has one and no
// player has held it yet, and lists the rest, then says what open things
// here contain.
func (tn *turn) describeItems(w *paras, loc string) {
	var room, said [roomThings]string
	var looseRoom [roomThings]*story.Item
	sentences, loose := said[:0], looseRoom[:0]
	here := tn.contentsInto(room[:0], loc)
	for _, id := range here {
		it := tn.item(id)
		if it.InRoom != "" && (it.Fixed || !tn.handled(id)) {
			sentences = append(sentences, tn.vary(it.InRoom))
		} else if !it.Fixed {
			loose = append(loose, it)
		}
	}
	if len(sentences) > 0 {
		w.add(strings.Join(sentences, " "))
	}
	if listed := aFew(loose, nil); len(listed) > 0 {
		w.add("You see " + listAnd(listed) + " here.")
	}
	for _, id := range here {
		w.add(tn.describeContents(id))
	}
}

// describeContents is "The wooden box contains a coin." or "On the table
// is a cup.", or "" when nothing shows.
func (tn *turn) describeContents(id string) string {
	if !tn.seeInside(id) {
		return ""
	}
	var room [roomThings]string
	var itsRoom [roomThings]*story.Item
	inside := tn.contentsInto(room[:0], id)
	if len(inside) == 0 {
		return ""
	}
	its := itsRoom[:0]
	for _, c := range inside {
		its = append(its, tn.item(c))
	}
	names := aFew(its, nil)
	it := tn.item(id)
	if it.Supporter && it.Container == nil {
		verb := "is"
		if len(inside) > 1 || tn.item(inside[0]).Plural {
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

func (tn *turn) describeNPCs(loc string) string {
	var parts []string
	ids := tn.npcsAt(loc)
	// Several of one kind (two hunched ghouls) are one sentence.
	count := map[string]int{}
	for _, id := range ids {
		if n := tn.story.NPCs[id]; n.InRoom == "" && n.ProperName == "" {
			count[n.Name]++
		}
	}
	for _, id := range ids {
		n := tn.story.NPCs[id]
		switch k := count[n.Name]; {
		case n.InRoom != "":
			parts = append(parts, tn.vary(n.InRoom))
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

func (tn *turn) describeExits() string {
	var w paras
	tn.writeExits(&w)
	return w.b.String()
}

// writeExits is describeExits as a paragraph of w.
func (tn *turn) writeExits(w *paras) {
	exits := tn.exitsOf(tn.st.Location)
	w.next()
	if len(exits) == 0 {
		w.b.WriteString("There is no obvious way out.")
		return
	}
	if len(exits) == 1 {
		w.b.WriteString("Exit: ")
	} else {
		w.b.WriteString("Exits: ")
	}
	for i, ex := range exits {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString("<exit>")
		w.b.WriteString(ex.name)
		w.b.WriteString("</exit>")
	}
	w.b.WriteString(".")
}

// arrive shows a location the player has just entered and runs what
// entering sets off.
func (tn *turn) arrive() {
	// An on_enter that teleports back into its own room would recurse
	// until the stack overflows, which no recover can catch.
	if tn.arriving >= maxArrivals {
		panic("teleports nest too deeply (does an on_enter teleport into its own location?)")
	}
	tn.arriving++
	defer func() { tn.arriving-- }()
	loc := tn.story.Locations[tn.st.Location]
	text := tn.describe(false)
	tn.say(text)
	dark := tn.dark()
	if !dark && (!tn.st.Visited[loc.ID] || tn.st.Verbosity == "verbose") {
		tn.narrate(narrate.Room, text, "", nil) // the whole description, not a brief one
	}
	if loc.Image != "" && !dark {
		tn.emit(tio.Event{Kind: tio.KindImage, Image: &tio.Image{Path: loc.Image,
			MIME: mime.TypeByExtension(path.Ext(loc.Image)), Alt: loc.Name}})
	}
	if !dark {
		// A place seen in the dark has not been seen: the first look in
		// the light is the full description.
		if !tn.st.Visited[loc.ID] {
			tn.writablePlayer(cpVisited).Visited[loc.ID] = true
		}
	}
	tn.react(loc.OnEnter)
	for _, id := range tn.npcsAt(loc.ID) {
		tn.react(tn.story.NPCs[id].Behaviour.OnArrival)
	}
}

// maxArrivals bounds teleports set off by arriving somewhere.
const maxArrivals = 8

// status is the KindState payload for the current moment. Its lists are
// worked out in the world's scratch and, when equal to those of the
// state last published to the player (usually: a command seldom changes
// them), are that state's own slices: published states are never
// changed, so they can share them.
func (tn *turn) status() *tio.State {
	s := tn.story
	var last *tio.State
	if tn.player != nil {
		last = tn.player.lastState
	}
	if last == nil {
		last = &tio.State{}
	}
	b := &tn.World.statusBuf
	st := &tio.State{Story: s.Config.Name, Turns: tn.st.Turns, Score: tn.score(),
		MaxScore: s.Config.MaxScore, Clock: tn.clock()}
	dark := tn.dark()
	if loc := s.Locations[tn.st.Location]; loc != nil {
		st.Location = loc.Name
		st.LocationImage = loc.Image
		if dark {
			st.Location, st.LocationImage = darkName, ""
		}
	}
	b.exits = b.exits[:0]
	for _, ex := range tn.exitsOf(tn.st.Location) {
		b.exits = append(b.exits, ex.name)
	}
	// The walk over every item gives the same lists while the Items map
	// is the same map (scopecache.go's reasoning) and the player stands
	// in the same light in the same place.
	if k := (statusItemsKey{story: s, items: mapID(tn.st.Items), loc: tn.st.Location, holder: tn.holder,
		dark: dark, edits: tn.World.inPlace, valid: true}); k != b.itemsFrom {
		b.itemsFrom = k
		b.listItems(tn, dark)
	}
	if tn.st.MaxHP > 0 {
		st.HP, st.MaxHP, st.Level = tn.st.HP, tn.st.MaxHP, tn.st.Level
	}
	b.npcs = b.npcs[:0]
	for _, id := range tn.npcsAt(tn.st.Location) {
		if dark {
			break
		}
		b.npcs = append(b.npcs, npcPlain(s.NPCs[id]))
	}
	// Never nil: the protocol sends [].
	st.Exits, st.Items = sameOr(b.exits, last.Exits), sameOr(b.items, last.Items)
	st.Inventory, st.NPCs = sameOr(b.inventory, last.Inventory), sameOr(b.npcs, last.NPCs)
	st.Players = tn.playerNames()
	return st
}

// statusBufs are the lists status works out before it knows whether
// they changed.
type statusBufs struct {
	exits, items, inventory, npcs []string
	itemsFrom                     statusItemsKey // what items and inventory were listed from
}

// statusItemsKey is what the status's item lists depend on.
type statusItemsKey struct {
	story       *story.Story
	items       unsafe.Pointer // the Items map, by identity
	loc, holder string
	dark        bool
	edits       uint64 // World.inPlace then
	valid       bool
}

// listItems lists the things lying here and those carried, in b.
func (b *statusBufs) listItems(tn *turn, dark bool) {
	s := tn.story
	b.items, b.inventory = b.items[:0], b.inventory[:0]
	for _, id := range s.Order.Items {
		switch tn.st.Items[id] {
		case tn.st.Location:
			if it := s.Items[id]; !it.Fixed && !dark {
				b.items = append(b.items, it.Name)
			}
		case tn.holder:
			b.inventory = append(b.inventory, s.Items[id].Name)
		}
	}
}

// sameOr is prev when it holds what buf holds, else a copy of buf; never nil.
func sameOr(buf, prev []string) []string {
	switch {
	case prev != nil && slices.Equal(buf, prev):
		return prev
	case len(buf) == 0:
		return []string{}
	}
	return slices.Clone(buf)
}

// clockAt is the last time clock worked out: at which tick, and the text.
type clockAt struct {
	ticks int
	text  string
	ok    bool
}

// clock is the game time as players read a clock ("4:40 pm"), or "" in a
// story that declares no clock: a time it never chose would mean nothing.
func (tn *turn) clock() string {
	if !tn.hasClock {
		return ""
	}
	// Every status asks, and most ask for the same minute as the last.
	c := &tn.World.played.clockAt
	if !c.ok || c.ticks != tn.st.Ticks {
		t := tn.clockStart.Add(time.Duration(tn.st.Ticks*tn.minPerTick) * time.Minute)
		*c = clockAt{ticks: tn.st.Ticks, text: t.Format("3:04 pm"), ok: true}
	}
	return c.text
}
