package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// Characters: an account's player in a shared world is kept between
// visits.
//
// While an account's player is in the world it is like any other: every
// command that changes it is in the world's journal and snapshots. When
// it leaves (quit, idle logout, link-dead grace over) its character — the
// player's part of the save format, PlayerState, with the ids of what it
// holds — goes to Characters.KeepCharacter, and what it holds leaves the
// world with it: the things stay at its holder "player:<id>", where no
// one present is, so nobody sees, takes or counts them while the owner is
// away (a guest's things still fall where it stood). At the next login
// JoinCharacter seats it again from that character: same place, same
// things, same figures and flags.
//
// The join entry of a kept character carries the character it was seated
// from (joinText), so replaying the journal seats the same character
// again without reading the store, which may by then hold a newer one.
// Whether a player is a kept character is decided there, once, and
// carried by the player (and its snapshot) from then on: never asked of
// the accounts at leave time, which an account made or deleted between a
// leave and a crash would make replay answer otherwise than live.
//
// A character saved with another version of the story is taken as far as
// this version knows it: things, places and timed events this version
// does not have are dropped (the player reads which things), a place it
// does not have puts the character at the start. A thing another player
// present now holds stays with them.

// Characters is what a durable world's journal also does when the world
// keeps the characters of its accounts (host's MUD world does).
type Characters interface {
	// KeepCharacter stores player id's character as it leaves, durably
	// when it returns nil.
	KeepCharacter(ctx context.Context, id string, data []byte) error
}

// characterFormat numbers the character file's layout.
const characterFormat = 1

// characterFile is a character as the store keeps it between visits.
type characterFile struct {
	Format       int          `json:"format"`
	Story        string       `json:"story"`
	StoryVersion string       `json:"story_version"`
	Player       *PlayerState `json:"player"`
	Items        []string     `json:"items"` // what it holds, in story order
}

// ErrBadCharacter means a kept character cannot be read back, or belongs
// to another story.
var ErrBadCharacter = errors.New("the character cannot be restored")

// joinSep separates the name from the character in a kept character's
// join entry: a name never holds a line break.
const joinSep = "\n"

// joinText is the join entry's text: the name alone for a guest; for a
// kept character the name, joinSep and the character (empty on a first
// visit).
func joinText(name string, character []byte) string {
	return name + joinSep + string(character)
}

// JoinCharacter seats the account character called name: its seat when
// it is in the world (link-dead after a restart, or played from another
// connection), otherwise it joins from saved, the data KeepCharacter was
// last given (nil on a first visit: the story's start).
func (w *World) JoinCharacter(ctx context.Context, name string, saved []byte) (Seat, error) {
	if strings.Contains(name, joinSep) {
		return nil, fmt.Errorf("%w: a name with a line break", ErrBadCharacter)
	}
	if saved != nil {
		var cf characterFile
		if err := json.Unmarshal(saved, &cf); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadCharacter, err)
		}
		if cf.Format != characterFormat || cf.Story != w.story.ID || cf.Player == nil {
			return nil, fmt.Errorf("%w: format %d of story %q", ErrBadCharacter, cf.Format, cf.Story)
		}
	}
	return w.join(ctx, name, joinText(name, saved), true)
}

// keeps says whether p's things leave the world with it: p joined as a
// kept character (JoinCharacter), as its join entry and snapshot say.
func (w *World) keeps(p *player) bool { return p.character }

// keepCharacter hands p's committed character to the journal as p leaves;
// a failure is logged: the things stay at p's holder, so the next visit
// still finds them.
func (w *World) keepCharacter(p *player) {
	c, ok := w.opts.Journal.(Characters)
	if !ok {
		return
	}
	cf := characterFile{Format: characterFormat, Story: w.story.ID, StoryVersion: w.story.Config.Version, Player: p.own, Items: []string{}}
	for _, id := range w.story.Order.Items {
		if w.world.Items[id] == p.holder {
			cf.Items = append(cf.Items, id)
		}
	}
	data, err := json.Marshal(cf)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
		err = c.KeepCharacter(ctx, p.id, data)
		cancel()
	}
	if err != nil {
		w.log.Error("cannot keep the character; its things stay with it in the world", "player", p.id, "err", err)
	}
}

// restoreCharacter is the PlayerState of a returning character, its
// things put back at holder in ws; lost names what this version of the
// story no longer has. saved was checked by JoinCharacter.
func (w *World) restoreCharacter(ws *WorldState, holder string, saved string) (ps *PlayerState, lost []string) {
	var cf characterFile
	if err := json.Unmarshal([]byte(saved), &cf); err != nil || cf.Player == nil {
		w.log.Error("a kept character cannot be read; starting afresh", "err", err)
		return w.freshPlayer(ws, holder), nil
	}
	st := &State{WorldState: &WorldState{}, PlayerState: cf.Player}
	st.fillNil()
	ps = st.PlayerState
	s := w.story
	if s.Locations[ps.Location] == nil {
		ps.Location = s.Config.Start
	}
	present := map[string]bool{}
	for _, p := range w.players {
		if !p.left {
			present[p.holder] = true
		}
	}
	for _, id := range cf.Items {
		if s.Items[id] == nil {
			lost = append(lost, id)
			continue
		}
		if !present[ws.Items[id]] {
			ws.Items[id] = holder
		}
	}
	for id := range ps.Worn {
		if ws.Items[id] != holder {
			delete(ps.Worn, id)
		}
	}
	if ps.Wielded != "" && ws.Items[ps.Wielded] != holder {
		ps.Wielded = ""
	}
	for id := range ps.Visited {
		if s.Locations[id] == nil {
			delete(ps.Visited, id)
		}
	}
	ps.Mine.Queue = slices.DeleteFunc(ps.Mine.Queue, func(e Scheduled) bool { return s.Events[e.Event] == nil })
	ps.Menu = nil // a conversation does not outlast a visit
	return ps, lost
}

// lostThings tells a returning character what this version of the story
// no longer has.
func (tn *turn) lostThings(ids []string) {
	if len(ids) == 0 {
		return
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = markup.Escape(id)
	}
	tn.say("Some things you carried are no longer in this world: " + listAnd(names) + ".")
}
