// Package bot plays the dungeon story through the ordinary command
// interface, as a player at a keyboard would: it types lines into a
// tio.Session and reads back the text and the status snapshot. It never
// looks at the world model.
//
// It keeps its own map by dead reckoning (every move shifts its place on
// the level's grid by one step; up and down change level; location names,
// unique within a level, check the reckoning and repair it), explores
// each level breadth-first to the nearest exit it has not tried, picks up
// everything, wields the best weapon and wears the best armour, unlocks
// doors once it holds keys ("unlock <direction>": the driver picks the
// key), goes down when a level holds nothing more, and on the deepest
// level fights the guard, takes the hoard and walks its map back up to
// the start.
//
// It fights what attacks it (learned from the text: a sentence naming the
// creature and "you"), one target at a time, and whatever guards the
// hoard. Its hit points come from the status (or the text, or "score").
// Out of a fight it heals with what heals no more than is missing; in one
// it drinks when the next two blows could kill, or better, when it can,
// walks out (creatures strike where the bot arrives, not where it left),
// heals there, explores elsewhere and comes back later.
//
// The phrases it relies on are in phrases.go, in one table.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
)

// Options tune a game of the bot.
type Options struct {
	MaxCommands int       // lines the bot may type before it gives up; default 3000
	Log         io.Writer // optional transcript: "> command" and the plain replies
}

// Result is how a game went.
type Result struct {
	Won      bool
	Ending   string // the ending's id ("victory", "death"), "" if none was reached
	Commands int    // lines typed
	Turns    int    // game turns, from the status
	Score    int
}

// ErrGaveUp is wrapped by the error Play returns when the bot stops
// without an ending: its command budget is spent, or it has nothing left
// to try. The Result is still filled in.
var ErrGaveUp = errors.New("the bot gave up")

// Play plays the session until the story ends, the budget is spent or ctx
// is done.
func Play(ctx context.Context, sess tio.Session, opts Options) (Result, error) {
	if opts.MaxCommands <= 0 {
		opts.MaxCommands = 3000
	}
	b := newBot(ctx, sess, opts)
	err := b.run()
	res := Result{Commands: b.c.sent, Turns: b.c.st.Turns, Score: b.c.st.Score}
	if e := b.c.ending; e != nil {
		res.Won, res.Ending = e.Won, e.ID
		return res, nil
	}
	if errors.Is(err, errBudget) {
		err = fmt.Errorf("%w: %d commands spent", ErrGaveUp, b.c.sent)
	}
	return res, err
}

type bot struct {
	c   *conn
	atl *atlas

	hp, maxHP int
	hpKnown   bool
	hpSeen    int // commands sent when hp was last read
	hpTurn    int // the turn it was read on

	finds      int             // things picked up so far; locked doors are retried after new finds
	held       map[string]bool // inventory names already handled
	kind       map[string]itemKind
	wielded    string
	armour     string          // the armour worn: only one counts
	peaceful   map[string]bool // NPC names that cannot be attacked
	noHeal     map[string]bool // things that turned out not to heal
	hpLast     int             // hit points after the last reply
	worstLoss  int             // the most hit points one command has cost in a fight
	target     string          // the NPC being fought
	fled       bool            // the last move was a retreat
	nearlyDead bool            // the last blow left the target nearly dead
	npcNames   map[string]bool // every NPC name seen in the status
	aggressors map[string]bool // NPC names seen attacking the bot

	blindRounds    int             // attacks since the last heal, when hit points never show
	regen, noRegen bool            // whether hit points come back by waiting, once known
	restWaits      int             // waits in the current rest
	restFrom       int             // hit points when it began
	leave          map[string]bool // "depth/x/y/item": not takeable here
	hoard          *place          // where the hoard was seen
	fails          int             // moves in a row that went nowhere
	lastMove       string          // the way the bot last came, for a retreat
}

type place struct {
	depth int
	at    pos
}

type itemKind uint8

const (
	kindUnknown itemKind = iota
	kindWeapon
	kindArmour
	kindDrink
	kindFood
	kindKey
	kindOther
)

func newBot(ctx context.Context, sess tio.Session, opts Options) *bot {
	logf := func(string) {}
	if opts.Log != nil {
		w := opts.Log
		logf = func(s string) { io.WriteString(w, s) }
	}
	b := &bot{
		atl:        newAtlas(),
		held:       map[string]bool{},
		kind:       map[string]itemKind{},
		peaceful:   map[string]bool{},
		noHeal:     map[string]bool{},
		npcNames:   map[string]bool{},
		aggressors: map[string]bool{},
		leave:      map[string]bool{},
	}
	b.c = &conn{ctx: ctx, sess: sess, log: logf, budget: opts.MaxCommands}
	// Aggression is judged on the whole reply, once its state has named
	// whoever arrived and attacked in the same breath.
	b.c.onReply = func(r reply) {
		b.noteAggression(r.text)
		if b.hpKnown {
			if loss := b.hpLast - b.hp; loss > b.worstLoss && len(r.after.NPCs) > 0 {
				b.worstLoss = loss
			}
			b.hpLast = b.hp
		}
	}
	b.c.onState = func(st *tio.State) {
		for _, n := range st.NPCs {
			b.npcNames[n] = true
		}
		if hp, max, ok := stateHP(st); ok {
			b.setHP(hp, max)
		}
	}
	return b
}

func (b *bot) setHP(hp, max int) {
	b.hp, b.maxHP, b.hpKnown = hp, max, true
	b.hpSeen = b.c.sent
	b.hpTurn = b.c.st.Turns
}

func (b *bot) st() *tio.State { return &b.c.st }

func (b *bot) run() error {
	if err := b.c.subscribe(0); err != nil {
		return err
	}
	defer b.c.sub.Cancel()
	if err := b.c.sync(nil); err != nil {
		return err
	}
	if !b.c.hasSt {
		// No status yet: a look costs nothing and brings one.
		if _, err := b.c.send("look"); err != nil {
			return err
		}
	}
	b.atl.observe(b.st().Location, b.st().Exits)
	for b.c.ending == nil {
		if err := b.turn(); err != nil {
			if b.c.ending != nil {
				return nil
			}
			return err
		}
	}
	return nil
}

// turn decides and does one thing.
func (b *bot) turn() error {
	st := b.st()
	here := b.atl.here()
	here.items, here.npcs = slices.Clone(st.Items), slices.Clone(st.NPCs)
	if foes := b.foes(); len(foes) > 0 {
		return b.fight(foes[0])
	}
	delete(b.atl.level().avoid, b.atl.at) // nothing to fear here now
	if b.hpKnown && b.hp < b.maxHP {
		if ok, err := b.heal(false); ok || err != nil {
			return err
		}
	}
	resting := b.regen && b.restWaits > 0 && b.hurt(restUntil)
	if (b.hurt(restBelow) || resting) && !b.noRegen && b.restWaits < maxRest {
		return b.rest()
	}
	b.restWaits = 0
	if name, ok := b.loot(); ok {
		return b.take(name)
	}
	if did, err := b.equip(); did || err != nil {
		return err
	}
	if slices.Contains(st.Inventory, hoardName) {
		return b.goHome()
	}
	return b.explore()
}

// foes are the NPCs present to fight, in order: those that have attacked
// the bot first; the others only when none of those is here and the bot
// is in good health (they give experience, but a fight is a risk). NPCs
// that cannot be fought are left out.
func (b *bot) foes() []string {
	var first, rest []string
	for _, n := range b.st().NPCs {
		switch {
		case b.peaceful[n]:
		case b.aggressors[n]:
			first = append(first, n)
		default:
			rest = append(rest, n)
		}
	}
	out := rest
	if len(first) > 0 || b.hurt(fightPassiveAbove) {
		out = first
	}
	// Finish what was started: the current target first.
	if i := slices.Index(out, b.target); i > 0 {
		out[0], out[i] = out[i], out[0]
	}
	return out
}

// noteAggression learns which kinds of creature attack: a sentence that
// names one and says "you", and is not the bot's own "You hit …".
func (b *bot) noteAggression(text string) {
	for _, sentence := range reSentence.Split(text, -1) {
		sentence = strings.TrimSpace(sentence)
		if sentence == "" || reOwnAction.MatchString(sentence) || !reAtYou.MatchString(sentence) {
			continue
		}
		low := strings.ToLower(sentence)
		for n := range b.npcNames {
			if strings.Contains(low, strings.ToLower(n)) {
				b.aggressors[n] = true
			}
		}
	}
}

// low says whether the next blows could kill: hit points at or below a
// fraction of the maximum, or within two of the worst blows seen.
func (b *bot) low() bool {
	return b.hurt(drinkBelow) || (b.hpKnown && b.hp <= 2*b.worstLoss)
}

// hurt says whether hp is at or below frac of the maximum.
func (b *bot) hurt(frac float64) bool {
	return b.hpKnown && float64(b.hp) <= frac*float64(b.maxHP)
}

// fight attacks one NPC, healing first when low.
func (b *bot) fight(foe string) error {
	// Hit points are not in every reply: "score" shows them and takes no
	// game time.
	if err := b.refreshHP(); err != nil {
		return err
	}
	if b.blind() {
		// No way to see hit points: drink every few blows.
		if b.blindRounds++; b.blindRounds > blindHealEvery {
			b.blindRounds = 0
			if ok, err := b.heal(true); ok || err != nil {
				return err
			}
		}
	}
	finish := b.nearlyDead && b.hp > b.worstLoss
	if b.low() && !finish {
		// Walking out costs no blow (creatures strike where the bot
		// arrives, not where it left) and drinking outside costs none
		// either: better than drinking under blows.
		if back, ok := b.retreat(); ok {
			b.atl.level().avoid[b.atl.at] = true
			err := b.go_(back)
			b.fled = true // no second retreat before a move of the bot's own
			return err
		}
		if ok, err := b.heal(true); ok || err != nil {
			return err
		}
	}
	b.target = foe
	r, err := b.c.send("attack " + foe)
	if err != nil {
		return err
	}
	b.nearlyDead = reNearlyDead.MatchString(r.text)
	if !r.passed() {
		// reNoFight, or refused for a reason the bot does not know:
		// either way, do not loop on it.
		b.peaceful[foe] = true
	}
	return nil
}

// retreat is the way back out of a fight, when going is worth it: there
// is healing to do outside, or somewhere else to explore meanwhile.
func (b *bot) retreat() (string, bool) {
	back := opposite[b.lastMove]
	if back == "" || b.fled || b.atl.here().exit(back).status != exitOpen {
		return "", false
	}
	if isCompass(back) {
		if r := b.atl.level().rooms[b.atl.at.step(back)]; r != nil && len(r.npcs) > 0 {
			return "", false // out of the frying pan
		}
	}
	if b.canHeal() || b.regen {
		return back, true
	}
	for _, t := range b.atl.level().frontier(b.atl.at, b.finds, true) {
		if t.at != b.atl.at {
			return back, true
		}
	}
	return "", false
}

// canHeal says whether anything carried heals.
func (b *bot) canHeal() bool {
	for _, it := range b.st().Inventory {
		if (drinks[it] > 0 || foods[it] > 0) && !b.noHeal[it] {
			return true
		}
	}
	return false
}

// Hit point thresholds, as fractions of the maximum.
const (
	drinkBelow = 0.4 // in a fight: drink or eat
	calmDrink  = 0.5 // out of a fight: drink a potion too, not just food
	restBelow  = 0.5 // out of a fight: wait for hit points to come back, if they do

	fightPassiveAbove = 1.0 // attack NPCs that have not attacked only above this
	restUntil         = 0.9 // once resting heals, rest up to this
	maxRest           = 60  // waits in one rest at most
	restProbe         = 5   // waits without a gain before resting is given up for good
	blindHealEvery    = 5   // attacks between drinks when hit points never show
)

// heal drinks or eats something carried; ok false when it did not. In a
// fight it takes the strongest thing. Out of one, where drinking costs no
// blows, it takes what heals no more than is missing, and when low
// anything.
func (b *bot) heal(fighting bool) (bool, error) {
	need := b.maxHP - b.hp
	best, bestHeal, verb := "", 0, ""
	consider := func(it string, h int, v string) {
		if h > 0 && !b.noHeal[it] && h > bestHeal {
			best, bestHeal, verb = it, h, v
		}
	}
	for _, it := range b.st().Inventory {
		switch {
		case fighting:
			consider(it, drinks[it], "drink")
			consider(it, foods[it], "eat")
		default:
			// Out of a fight nothing hits back: top up with whatever
			// heals no more than is missing.
			if foods[it] <= need {
				consider(it, foods[it], "eat")
			}
			if drinks[it] <= need {
				consider(it, drinks[it], "drink")
			}
		}
	}
	if best == "" && !fighting && (b.hurt(calmDrink) || b.low()) {
		for _, it := range b.st().Inventory {
			consider(it, foods[it], "eat")
			consider(it, drinks[it], "drink")
		}
	}
	if best == "" {
		return false, nil
	}
	r, err := b.c.send(verb + " " + best)
	if err != nil {
		return false, err
	}
	if !r.passed() {
		// Not edible after all: never try it again.
		b.noHeal[best] = true
		return false, nil
	}
	return true, b.refreshHP()
}

// rest waits for hit points to come back. Whether they do is learned: a
// few waits without a gain and the bot stops trying.
func (b *bot) rest() error {
	if b.restWaits == 0 {
		b.restFrom = b.hp
	}
	b.restWaits++
	if _, err := b.c.send("wait"); err != nil {
		return err
	}
	if err := b.refreshHP(); err != nil {
		return err
	}
	if b.hp > b.restFrom {
		b.regen = true
	}
	if !b.regen && b.restWaits >= restProbe {
		b.noRegen = true
	}
	return nil
}

// refreshHP has nothing to ask: the state event carries the hit points
// after every change to them, so what the bot last read is current.
func (b *bot) refreshHP() error { return nil }

// blind says whether hit points cannot be learned at all: a story whose
// state shows none.
func (b *bot) blind() bool { return !b.hpKnown }

func (b *bot) placeKey(item string) string { return b.placeKeyAt(b.atl.depth, b.atl.at, item) }

func (b *bot) placeKeyAt(depth int, p pos, item string) string {
	return fmt.Sprintf("%d/%d/%d/%s", depth, p.x, p.y, item)
}

// loot is the next item here worth taking.
func (b *bot) loot() (string, bool) {
	for _, it := range b.st().Items {
		if !b.leave[b.placeKey(it)] {
			return it, true
		}
	}
	return "", false
}

// take picks up one item, making room when the load is too heavy.
func (b *bot) take(item string) error {
	r, err := b.c.send("take " + item)
	if err != nil || r.passed() {
		return err
	}
	switch {
	case reTooMuch.MatchString(r.text):
		dropped, err := b.makeRoom(item)
		if err != nil || dropped {
			return err
		}
	case reGuarded.MatchString(r.text):
		// Whoever stands guard has to be fought, healthy or not.
		guards := false
		for _, n := range b.st().NPCs {
			if !b.peaceful[n] {
				b.aggressors[n], guards = true, true
			}
		}
		if guards {
			return nil // the fight comes first
		}
	}
	b.leave[b.placeKey(item)] = true
	return nil
}

// makeRoom drops the least useful thing carried to make room for item:
// spare weapons, armour not worn, treasure, then food. It reports whether
// it dropped anything.
func (b *bot) makeRoom(item string) (bool, error) {
	inv := b.st().Inventory
	var cands []string
	for _, it := range inv {
		if it != b.wielded && b.kind[it] == kindWeapon {
			cands = append(cands, it)
		}
	}
	for _, it := range inv {
		if it != b.armour && b.kind[it] == kindArmour {
			cands = append(cands, it)
		}
	}
	if item == hoardName {
		for _, it := range inv {
			if b.kind[it] == kindOther || b.kind[it] == kindUnknown {
				cands = append(cands, it)
			}
		}
		for _, it := range inv {
			if b.kind[it] == kindFood {
				cands = append(cands, it)
			}
		}
	}
	for _, it := range cands {
		if it == hoardName || isKey(it) {
			continue
		}
		r, err := b.c.send("drop " + it)
		if err != nil {
			return false, err
		}
		if r.passed() {
			b.leave[b.placeKey(it)] = true
			delete(b.held, it)
			return true, nil
		}
	}
	return false, nil
}

// equip handles things newly carried: it learns what each is, wields the
// best weapon and wears armour. It reports whether it typed anything.
func (b *bot) equip() (bool, error) {
	for _, it := range b.st().Inventory {
		if b.held[it] {
			continue
		}
		b.held[it] = true
		b.finds++
		if _, ok := b.kind[it]; !ok {
			b.kind[it] = classify(it)
		}
		switch b.kind[it] {
		case kindArmour:
			if b.armour == "" || armourRank[it] > armourRank[b.armour] {
				return true, b.wear(it)
			}
		case kindWeapon:
			if b.wielded == "" || weaponRank[it] > weaponRank[b.wielded] {
				return true, b.wield(it)
			}
		case kindUnknown:
			// Find out by trying, as a player would.
			return true, b.probe(it)
		}
	}
	// Forget what is no longer carried (eaten, dropped).
	for it := range b.held {
		if !slices.Contains(b.st().Inventory, it) {
			delete(b.held, it)
			if b.wielded == it {
				b.wielded = ""
			}
			if b.armour == it {
				b.armour = ""
			}
		}
	}
	return false, nil
}

func classify(name string) itemKind {
	switch {
	case name == hoardName || treasure[name]:
		return kindOther
	case isKey(name):
		return kindKey
	case weaponRank[name] > 0:
		return kindWeapon
	case armourRank[name] > 0:
		return kindArmour
	case drinks[name] > 0:
		return kindDrink
	case foods[name] > 0:
		return kindFood
	}
	return kindUnknown
}

func (b *bot) wear(it string) error {
	if old := b.armour; old != "" {
		// Only one armour counts: take the old off first.
		if _, err := b.c.send("remove " + old); err != nil {
			return err
		}
		b.armour = ""
	}
	r, err := b.c.send("wear " + it)
	if err == nil && (r.passed() || reWorn.MatchString(r.text)) {
		b.armour = it
	}
	return err
}

func (b *bot) wield(it string) error {
	r, err := b.c.send("wield " + it)
	if err == nil && (r.passed() || reWielded.MatchString(r.text)) {
		b.wielded = it
	}
	return err
}

// probe learns what an unknown item is by trying to wear it, then to
// wield it.
func (b *bot) probe(it string) error {
	r, err := b.c.send("wear " + it)
	if err != nil {
		return err
	}
	if r.passed() || reWorn.MatchString(r.text) {
		b.kind[it] = kindArmour
		if b.armour == "" {
			b.armour = it
			return nil
		}
		// Unknown armour is no better than known: off again.
		_, err := b.c.send("remove " + it)
		return err
	}
	r, err = b.c.send("wield " + it)
	if err != nil {
		return err
	}
	if r.passed() || reWielded.MatchString(r.text) {
		b.kind[it] = kindWeapon
		if b.wielded == "" {
			b.wielded = it
		}
		return nil
	}
	b.kind[it] = kindOther
	return nil
}

// goHome walks the map back to the start: to each level's stair foot, up,
// and on the first level to where the bot began.
func (b *bot) goHome() error {
	m := b.atl
	if m.at == (pos{}) {
		if m.depth == 1 {
			// Home with the hoard and no ending: look, in case the story
			// wants a turn to notice.
			_, err := b.c.send("look")
			b.fails++
			if b.fails > 3 {
				return fmt.Errorf("%w: at the start with the hoard and no ending", ErrGaveUp)
			}
			return err
		}
		return b.go_("up")
	}
	if dir, ok := b.toward(pos{}); ok {
		return b.go_(dir)
	}
	// The way back is not on the map (a locked door seen from this side,
	// a slip): explore on.
	return b.explore()
}

// toward is the first step of a route to p on this level, round the rooms
// to avoid if there is a way, else through them.
func (b *bot) toward(p pos) (string, bool) {
	m := b.atl
	for _, careful := range []bool{true, false} {
		if dirs, ok := m.level().route(m.at, p, careful); ok && len(dirs) > 0 {
			return dirs[0], true
		}
	}
	return "", false
}

// explore goes to the nearest exit not yet tried (round rooms to avoid
// first), or to the hoard, or down the stairs when the level holds
// nothing more.
func (b *bot) explore() error {
	m := b.atl
	lv := m.level()
	wanted := func(p pos, r *room) bool {
		for _, it := range r.items {
			if !b.leave[b.placeKeyAt(m.depth, p, it)] {
				return true
			}
		}
		return false
	}
	for _, careful := range []bool{true, false} {
		ts := lv.frontier(m.at, b.finds, careful)
		// Things seen and left behind (a retreat) are worth going back for.
		if p, d, ok := lv.nearest(m.at, careful, wanted); ok && p != m.at && (len(ts) == 0 || d < ts[0].dist) {
			dirs, _ := lv.route(m.at, p, careful)
			return b.go_(dirs[0])
		}
		if len(ts) > 0 {
			t := ts[0]
			if t.at == m.at {
				return b.go_(t.dir)
			}
			dirs, _ := lv.route(m.at, t.at, careful)
			return b.go_(dirs[0])
		}
	}
	if h := b.hoard; h != nil && h.depth == m.depth {
		if m.at == h.at {
			// Standing on the hoard with nothing to fight and the take
			// refused: nothing more to do here.
			return fmt.Errorf("%w: the hoard cannot be taken", ErrGaveUp)
		}
		if dir, ok := b.toward(h.at); ok {
			return b.go_(dir)
		}
	}
	if lv.hasDown {
		if m.at == lv.down {
			return b.go_("down")
		}
		if dir, ok := b.toward(lv.down); ok {
			return b.go_(dir)
		}
	}
	return fmt.Errorf("%w: nothing left to explore on level %d", ErrGaveUp, m.depth)
}

// go_ tries one exit and learns from what happens: it moves, or finds a
// locked or closed door (and deals with it), or a wall.
func (b *bot) go_(dir string) error {
	m := b.atl
	e := m.here().exit(dir)
	if e.status == exitClosed {
		return b.open(dir, e)
	}
	if e.status == exitLocked {
		return b.unlock(dir, e)
	}
	r, err := b.c.send(dir)
	if err != nil {
		return err
	}
	switch {
	case r.movedTo():
		b.fails = 0
		b.fled = false
		b.lastMove = dir
		m.moved(dir, r.after.Location, r.after.Exits)
		b.noteHoard()
		return nil
	case reLocked.MatchString(r.text):
		e.status = exitLocked
		e.triedAt = -1
		return b.unlock(dir, e)
	case reClosed.MatchString(r.text):
		e.status = exitClosed
		return b.open(dir, e)
	case reNoWay.MatchString(r.text):
		e.status = exitBlocked
	case len(b.st().NPCs) > 0:
		// Something here stopped us; the fight comes next.
	default:
		b.fails++
		if b.fails >= 3 {
			e.status = exitBlocked
			b.fails = 0
		}
	}
	return nil
}

func (b *bot) noteHoard() {
	if slices.Contains(b.st().Items, hoardName) {
		b.hoard = &place{b.atl.depth, b.atl.at}
	}
}

func (b *bot) unlock(dir string, e *exitInfo) error {
	r, err := b.c.send("unlock " + dir)
	if err != nil {
		return err
	}
	if !r.passed() && !reUnlocked.MatchString(r.text) && !reNoKey.MatchString(r.text) {
		// The driver would not choose a key itself: name each in turn.
		for _, it := range b.st().Inventory {
			if !isKey(it) {
				continue
			}
			if r, err = b.c.send("unlock " + dir + " with " + it); err != nil {
				return err
			}
			if r.passed() || reUnlocked.MatchString(r.text) {
				break
			}
		}
	}
	switch {
	case r.passed() || reUnlocked.MatchString(r.text):
		e.status = exitClosed
		return b.open(dir, e)
	default:
		// No key fits: try again after new finds.
		e.status = exitLocked
		e.triedAt = b.finds
	}
	return nil
}

func (b *bot) open(dir string, e *exitInfo) error {
	r, err := b.c.send("open " + dir)
	if err != nil {
		return err
	}
	switch {
	case r.passed() || reOpened.MatchString(r.text):
		e.status = exitOpen
	case reLocked.MatchString(r.text):
		e.status = exitLocked
		e.triedAt = -1
	default:
		e.status = exitBlocked
	}
	return nil
}
