package bot_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// fakeWorld is a small scripted dungeon behind a tio.Session, speaking the
// driver's phrases, so the bot's exploring, mapping, doors and homecoming
// can be tested without the real driver (or before combat exists there).
// The session is a tiotest.Session made by open; react is its game.
type fakeWorld struct {
	*tiotest.Session

	mu    sync.Mutex
	rooms map[string]*fRoom
	start string
	at    string
	inv   []string
	worn  []string
	turns int
	score int
	hp    int
	maxHP int
	ended bool
	typed []string
	// hpShown: the state carries hit points, as the driver's does in a
	// story with combat; otherwise they never show.
	hpShown   bool
	regen     int  // hit points back per tick
	resync    bool // set before open: the replay keeps one event, so Subscribe answers with a snapshot
	namedKeys bool // "unlock <door>" wants "with <key>"
}

type fRoom struct {
	name  string
	exits map[string]*fExit
	order []string
	items []string
	npcs  []*fNPC
}

type fExit struct {
	to   string
	door *fDoor
}

type fDoor struct {
	name, key, state string // state: locked, closed, open
}

type fNPC struct {
	name    string
	hp      int
	hit     int // damage dealt to the player each tick; 0: peaceful
	guards  string
	wanders bool
}

func newFakeWorld() *fakeWorld {
	return &fakeWorld{rooms: map[string]*fRoom{}, hp: 30, maxHP: 30, hpShown: true}
}

func (w *fakeWorld) room(id, name string, items ...string) *fRoom {
	r := &fRoom{name: name, exits: map[string]*fExit{}, items: items}
	w.rooms[id] = r
	if w.start == "" {
		w.start, w.at = id, id
	}
	return r
}

var back = map[string]string{"north": "south", "south": "north", "east": "west", "west": "east", "up": "down", "down": "up"}

// link joins a and b both ways; door may be nil.
func (w *fakeWorld) link(a, dir, b string, door *fDoor) {
	w.rooms[a].exits[dir] = &fExit{to: b, door: door}
	w.rooms[a].order = append(w.rooms[a].order, dir)
	w.rooms[b].exits[back[dir]] = &fExit{to: a, door: door}
	w.rooms[b].order = append(w.rooms[b].order, back[dir])
}

func (w *fakeWorld) status() *tio.State {
	r := w.rooms[w.at]
	st := &tio.State{Location: r.name, Turns: w.turns, Score: w.score,
		Exits: slices.Clone(r.order), Items: slices.Clone(r.items), Inventory: slices.Clone(w.inv)}
	for _, n := range r.npcs {
		st.NPCs = append(st.NPCs, n.name)
	}
	if w.hpShown {
		st.HP, st.MaxHP = w.hp, w.maxHP
	}
	return st
}

func (w *fakeWorld) describe() string {
	r := w.rooms[w.at]
	paras := []string{"<location>" + r.name + "</location>", "A room."}
	if len(r.items) > 0 {
		paras = append(paras, "You see "+strings.Join(r.items, ", ")+" here.")
	}
	for _, n := range r.npcs {
		paras = append(paras, "The <living>"+n.name+"</living> is here.")
	}
	paras = append(paras, "Exits: "+strings.Join(r.order, ", ")+".")
	return strings.Join(paras, "\n\n")
}

// open starts the session and emits the opening, as the driver does from
// New.
func (w *fakeWorld) open() *fakeWorld {
	opts := tiotest.Options{Info: tio.StoryInfo{ID: "fake", Name: "Fake"}, React: w.react, Snapshot: w.snapshot}
	if w.resync {
		opts.Ring = 1
	}
	w.Session = tiotest.New(opts)
	w.Emit(tiotest.Text(w.describe()), tio.Event{Kind: tio.KindState, State: w.status()})
	return w
}

// snapshot is the look that stands in for history no longer kept. It runs
// on the session's goroutine, like react.
func (w *fakeWorld) snapshot() []tio.Event {
	return []tio.Event{tiotest.Text(w.describe()), {Kind: tio.KindState, State: w.status()}}
}

// react runs one command.
func (w *fakeWorld) react(_ *tiotest.Session, in tio.Input) {
	w.mu.Lock()
	defer w.mu.Unlock()
	line := strings.TrimSpace(in.Line)
	w.typed = append(w.typed, line)
	text, ok, meta := w.do(line)
	if text != "" {
		w.Emit(tio.Event{Kind: tio.KindText, Text: text})
	}
	if !ok {
		return
	}
	if !meta {
		w.turns++
		w.tick()
	}
	w.Emit(tio.Event{Kind: tio.KindState, State: w.status()})
	if w.ended {
		return
	}
	if slices.Contains(w.inv, "abbey silver") && w.at == w.start {
		w.ended = true
		w.score += 50
		w.Emit(tio.Event{Kind: tio.KindState, State: w.status()})
		w.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "victory", Won: true}})
	}
}

// tick lets hostile NPCs hit the player, and heals by regen.
func (w *fakeWorld) tick() {
	w.hp = min(w.maxHP, w.hp+w.regen)
	for _, n := range w.rooms[w.at].npcs {
		if n.hit > 0 {
			w.hp -= n.hit
			w.Emit(tio.Event{Kind: tio.KindText, Text: fmt.Sprintf("The %s hits you.", n.name)})
		}
	}
	if w.hp <= 0 && !w.ended {
		w.ended = true
		w.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "death"}})
	}
}

// do runs one command: its text, whether it was done (false: refused) and
// whether it was out of the world (no time passes).
func (w *fakeWorld) do(line string) (text string, ok, meta bool) {
	if w.ended {
		return "The story is over.", false, false
	}
	verb, obj, _ := strings.Cut(line, " ")
	r := w.rooms[w.at]
	switch verb {
	case "north", "south", "east", "west", "up", "down":
		ex := r.exits[verb]
		if ex == nil {
			return "You can't go that way.", false, false
		}
		if ex.door != nil && ex.door.state != "open" {
			return fmt.Sprintf("The %s is %s.", ex.door.name, ex.door.state), false, false
		}
		w.at = ex.to
		return w.describe(), true, false
	case "look":
		return w.describe(), true, false
	case "wait":
		return "Time passes.", true, false
	case "score":
		s := fmt.Sprintf("You have scored %d, in %d turns.", w.score, w.turns)
		if w.hpShown {
			s += fmt.Sprintf(" HP %d/%d.", w.hp, w.maxHP)
		}
		return s, true, true
	case "take":
		i := slices.Index(r.items, obj)
		if i < 0 {
			return "You can't see any such thing.", false, false
		}
		for _, n := range r.npcs {
			if n.guards == obj {
				return fmt.Sprintf("The %s stands over the %s. You will have to deal with it first.", n.name, obj), false, false
			}
		}
		r.items = slices.Delete(r.items, i, i+1)
		w.inv = append(w.inv, obj)
		return "Taken.", true, false
	case "drop":
		i := slices.Index(w.inv, obj)
		if i < 0 {
			return "You don't have that.", false, false
		}
		w.inv = slices.Delete(w.inv, i, i+1)
		r.items = append(r.items, obj)
		return "Dropped.", true, false
	case "unlock", "open":
		obj, with, named := strings.Cut(obj, " with ")
		if verb == "unlock" && w.namedKeys && !named {
			return "What do you want to unlock it with?", false, false
		}
		ex := r.exits[obj]
		if ex == nil || ex.door == nil {
			return "That's not something you can " + verb + ".", false, false
		}
		d := ex.door
		if verb == "open" {
			switch d.state {
			case "locked":
				return "The " + d.name + " is locked.", false, false
			case "open":
				return "The " + d.name + " is already open.", false, false
			}
			d.state = "open"
			return "You open the " + d.name + ".", true, false
		}
		if d.state != "locked" {
			return "The " + d.name + " is not locked.", false, false
		}
		if named && with != d.key {
			return "The " + with + " doesn't fit the " + d.name + ".", false, false
		}
		if !slices.Contains(w.inv, d.key) {
			return "You have nothing that fits the " + d.name + ".", false, false
		}
		d.state = "closed"
		return "(with the " + d.key + ")\n\nYou unlock the " + d.name + ".", true, false
	case "attack":
		for i, n := range r.npcs {
			if n.name == obj {
				n.hp -= 5
				if n.hp <= 0 {
					r.npcs = slices.Delete(r.npcs, i, i+1)
					return "You hit the " + n.name + ". The " + n.name + " dies.", true, false
				}
				return "You hit the " + n.name + ".", true, false
			}
		}
		return "You can't see any such thing.", false, false
	case "drink", "eat":
		i := slices.Index(w.inv, obj)
		if i < 0 {
			return "You don't have that.", false, false
		}
		w.inv = slices.Delete(w.inv, i, i+1)
		w.hp = min(w.maxHP, w.hp+12)
		return "You " + verb + " the " + obj + ".", true, false
	case "wield":
		if !strings.Contains(obj, "sword") {
			return "That's no weapon.", false, false
		}
		return "You hold the " + obj + " at the ready.", true, false
	case "remove":
		i := slices.Index(w.worn, obj)
		if i < 0 {
			return "You're not wearing that.", false, false
		}
		w.worn = slices.Delete(w.worn, i, i+1)
		return "You take off the " + obj + ".", true, false
	case "wear":
		if !strings.Contains(obj, "shirt") && !strings.Contains(obj, "jerkin") {
			return "You can't wear that.", false, false
		}
		w.worn = append(w.worn, obj)
		return "You put on the " + obj + ".", true, false
	}
	return "That's not a verb I recognise.", false, false
}

// sent reports whether the bot typed line.
func (w *fakeWorld) sent(line string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Contains(w.typed, line)
}
