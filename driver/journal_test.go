package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// memJournal is a journal in memory, as the store keeps one: entries
// numbered without gaps, snapshots by the entry they follow.
type memJournal struct {
	entries []Entry
	snaps   map[int64][]byte
	fail    bool // refuse every write, as a store that is down
}

func (j *memJournal) Append(_ context.Context, e Entry) error {
	if j.fail {
		return errors.New("disk full")
	}
	if e.N != int64(len(j.entries))+1 {
		return errors.New("conflict")
	}
	j.entries = append(j.entries, e)
	return nil
}

func (j *memJournal) Snapshot(_ context.Context, n int64, data []byte) error {
	if j.fail {
		return errors.New("disk full")
	}
	if j.snaps == nil {
		j.snaps = map[int64][]byte{}
	}
	j.snaps[n] = data
	return nil
}

// resume is what the store's Replay would return after entry cut: the
// newest snapshot at or before it (none when useSnap is false) and the
// entries after that.
func (j *memJournal) resume(cut int64, useSnap bool) Resume {
	var r Resume
	if useSnap {
		for n, data := range j.snaps {
			if n <= cut && (r.Snapshot == nil || n > r.SnapshotN) {
				r.Snapshot, r.SnapshotN = data, n
			}
		}
	}
	r.Tail = slices.Clone(j.entries[r.SnapshotN:cut])
	return r
}

func loadStory(t testing.TB, id string) *story.Story {
	t.Helper()
	s, err := story.Load(os.DirFS("../stories"), id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func walkthrough(t testing.TB, id string) []string {
	t.Helper()
	data, err := os.ReadFile("../stories/" + id + "/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// step plays one line as the loop does: the input, then the snapshot the
// loop writes after each message when one is due.
func step(g *Game, line string) {
	g.handleInput(g.you(), tio.Line(line))
	g.snapshotIfDue()
}

func durableOpts(j Journal) Options {
	seed := uint64(7)
	return Options{Seed: &seed, Logger: quiet, Hosted: true, Journal: j, SnapshotEvery: 10}
}

// A game rebuilt from its journal at any point — from the opening, or from
// a snapshot and the entries after it — is the game that never stopped: the
// same state, parser, undo and event numbering (its snapshot bytes are
// equal), and the same events for every command that follows, so a reader
// resuming by seq across the crash sees exactly what it would have seen.
func TestRebuildIsTheGameThatNeverStopped(t *testing.T) {
	for _, c := range []struct {
		id    string
		every int
	}{{"demo", 10}, {"demo", 1}, {"dungeon", 10}} {
		t.Run(fmt.Sprintf("%s-every-%d", c.id, c.every), func(t *testing.T) {
			id := c.id
			s := loadStory(t, id)
			// After the walkthrough, lines that read the parser's memory
			// ("it", again, oops, an open question) and the undo stack,
			// which a rebuild must keep too.
			lines := append(walkthrough(t, id), "examine lamp", "examine it", "again", "exmaine lamp", "oops examine",
				"take", "undo", "look", "undo")
			j := &memJournal{}
			opts := durableOpts(j)
			opts.SnapshotEvery = c.every
			g, err := New(s, opts)
			if err != nil {
				t.Fatal(err)
			}
			sub := g.you().subscribe(0)
			var states [][]byte
			var seqs []uint64
			at := func() {
				b, err := g.snapshot()
				if err != nil {
					t.Fatal(err)
				}
				states, seqs = append(states, b), append(seqs, g.you().events.LastSeq())
			}
			var all []tio.Event
			read := func() {
				for len(sub.Events) > 0 {
					all = append(all, <-sub.Events)
				}
			}
			at()
			for _, l := range lines {
				step(g, l)
				at()
				read()
			}
			if int(j.entries[len(j.entries)-1].N) != len(lines) {
				t.Fatalf("%d entries for %d lines", len(j.entries), len(lines))
			}
			if len(j.snaps) < 3 {
				t.Fatalf("only %d snapshots in %d entries", len(j.snaps), len(lines))
			}
			cuts := []int{0, 1, 9, 10, 11, 25, len(lines) / 2, len(lines)}
			for k := 9; k > 0; k-- {
				cuts = append(cuts, len(lines)-k)
			}
			for _, cut := range cuts {
				for _, useSnap := range []bool{false, true} {
					r := j.resume(int64(cut), useSnap)
					re, err := RebuildGame(s, durableOpts(&memJournal{entries: slices.Clone(j.entries[:cut])}), r)
					if err != nil {
						t.Fatalf("cut %d: %v", cut, err)
					}
					got, _ := re.snapshot()
					if !bytes.Equal(got, states[cut]) {
						t.Fatalf("cut %d (snapshot %v at %d): rebuilt state differs:\n%s\nwant\n%s", cut, useSnap, r.SnapshotN, got, states[cut])
					}
					// A reader that had read three events less than the
					// game had published resumes without a resync.
					since := int64(seqs[cut]) - 3
					if since < 0 {
						since = 0
					}
					rsub := re.you().subscribe(since)
					if rsub.Resynced {
						t.Fatalf("cut %d (snapshot %v): resume from %d resynced", cut, useSnap, since)
					}
					// Read as a front end does, as the replies come: a
					// reader hundreds of events behind is cut off.
					var evs []tio.Event
					read := func() {
						for len(rsub.Events) > 0 {
							evs = append(evs, <-rsub.Events)
						}
					}
					read()
					for _, l := range lines[cut:] {
						step(re, l)
						read()
					}
					want := all[since:]
					if len(evs) != len(want) {
						t.Fatalf("cut %d (snapshot %v): %d events after %d, want %d", cut, useSnap, len(evs), since, len(want))
					}
					for i := range want {
						if evs[i].Seq != want[i].Seq || evs[i].Kind != want[i].Kind || evs[i].Text != want[i].Text {
							t.Fatalf("cut %d (snapshot %v): event %d is %d %q, want %d %q", cut, useSnap, i, evs[i].Seq, evs[i].Text, want[i].Seq, want[i].Text)
						}
					}
					end, _ := re.snapshot()
					if !bytes.Equal(end, states[len(lines)]) {
						t.Fatalf("cut %d (snapshot %v): the game after the rest of the lines differs", cut, useSnap)
					}
				}
			}
		})
	}
}

// When the journal refuses an input, the input is not played: the player
// reads one sentence saying so, the world is as it was, and once the
// journal works again the game goes on — and a rebuild still matches it,
// numbering included, because the refusal forces a snapshot.
func TestRefusedAppendPlaysNothing(t *testing.T) {
	s := loadStory(t, "demo")
	j := &memJournal{}
	g, err := New(s, durableOpts(j))
	if err != nil {
		t.Fatal(err)
	}
	sub := g.you().subscribe(0)
	drain := func() string {
		var evs []tio.Event
		for len(sub.Events) > 0 {
			evs = append(evs, <-sub.Events)
		}
		return textOf(evs)
	}
	step(g, "north")
	drain()
	before, _ := g.snapshot()
	where := g.you().own.Location
	j.fail = true
	step(g, "east")
	if got := strings.TrimSpace(drain()); got != msgNotKept {
		t.Errorf("a refused append showed %q, want only %q", got, msgNotKept)
	}
	if g.you().own.Turns != 1 || g.you().own.Location != where {
		t.Errorf("a refused command was played: turns %d at %s", g.you().own.Turns, g.you().own.Location)
	}
	if after, _ := g.snapshot(); bytes.Equal(after, before) {
		t.Error("the refusal's event left the seq unchanged")
	} else if len(j.entries) != 1 {
		t.Errorf("journal has %d entries, want 1", len(j.entries))
	}
	j.fail = false
	step(g, "east") // the snapshot the refusal owes is written with it
	drain()
	want, _ := g.snapshot()
	re, err := RebuildGame(s, durableOpts(&memJournal{}), j.resume(int64(len(j.entries)), true))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := re.snapshot(); !bytes.Equal(got, want) {
		t.Errorf("rebuilt after a refused append:\n%s\nwant\n%s", got, want)
	}
}

// A shared world's journal holds joins, leaves, link-dead spells and ticks
// as well as input: rebuilt from it, with or without a snapshot, the world
// is the one that stopped — who is in it, where, with what, and each
// player's event numbering.
func TestRebuildSharedWorld(t *testing.T) {
	s := loadStory(t, "demo")
	j := &memJournal{} // written by the loop, read once Run has returned
	opts := durableOpts(j)
	opts.Mode, opts.SnapshotEvery = ModeMUD, 3
	w, err := NewWorld(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	ann, err := w.Join(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := w.Join(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		who  Seat
		line string
	}{{ann, "north"}, {bob, "say hello"}, {bob, "north"}, {ann, "take float"}, {bob, "who"}, {ann, "south"}} {
		if err := c.who.Send(ctx, tio.Line(c.line)); err != nil {
			t.Fatal(err)
		}
	}
	if err := bob.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Join(ctx, "cy"); err != nil {
		t.Fatal(err)
	}
	if err := ann.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	stop()
	<-done
	want, _ := w.snapshot()
	mj := j
	kinds := map[string]int{}
	for _, e := range mj.entries {
		kinds[e.Kind]++
	}
	if kinds[EntryJoin] != 3 || kinds[EntryLeave] != 1 || kinds[EntryLine] != 6 {
		t.Fatalf("journal kinds %v, want 3 joins, 1 leave, 6 lines", kinds)
	}
	for _, useSnap := range []bool{false, true} {
		r := mj.resume(int64(len(mj.entries)), useSnap)
		if useSnap && r.Snapshot == nil {
			t.Fatal("no snapshot was written")
		}
		re, err := RebuildWorld(s, opts, r)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := re.snapshot(); !bytes.Equal(got, want) {
			t.Errorf("snapshot %v: rebuilt world:\n%s\nwant\n%s", useSnap, got, want)
		}
	}
}

// lateJournal is a memJournal whose next late appends answer too late
// (context.DeadlineExceeded): committed all the same when commit is set.
// Last fails while down is set, as a store that cannot be asked.
type lateJournal struct {
	memJournal
	late   int
	commit bool
	down   bool
}

func (j *lateJournal) Append(ctx context.Context, e Entry) error {
	if j.late == 0 {
		return j.memJournal.Append(ctx, e)
	}
	j.late--
	if j.commit {
		j.memJournal.Append(ctx, e)
	}
	return context.DeadlineExceeded
}

func (j *lateJournal) Last(context.Context) (int64, error) {
	if j.down {
		return 0, errors.New("store down")
	}
	return int64(len(j.entries)), nil
}

// An append that times out tells the player what became of the command:
// played when the journal has it, "nothing happened" when it has not,
// and when the journal cannot say, that it cannot, settled with the next
// command (the reply of a command kept after all comes first). Every way,
// a rebuild from the journal is the game that played.
func TestAppendTimeoutTellsTheCommandsFate(t *testing.T) {
	s := loadStory(t, "demo")
	for _, tc := range []struct {
		name         string
		commit, down bool
		first, then  []string // what "north" answers, then what "look" does
	}{
		{"committed", true, false, []string{"Cliff Path"}, []string{"Cliff Path"}},
		{"not committed", false, false, []string{msgNotKept}, []string{"Slipway"}},
		{"committed, fate unknown", true, true, []string{msgFateUnknown}, []string{"Cliff Path", "Cliff Path"}},
		{"not committed, fate unknown", false, true, []string{msgFateUnknown}, []string{msgNotKeptAfterAll, "Slipway"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := &lateJournal{late: 1, commit: tc.commit, down: tc.down}
			g, err := New(s, durableOpts(j))
			if err != nil {
				t.Fatal(err)
			}
			sub := g.you().subscribe(0)
			drain := func() string {
				var evs []tio.Event
				for len(sub.Events) > 0 {
					evs = append(evs, <-sub.Events)
				}
				return textOf(evs)
			}
			drain()
			check := func(got string, want []string) {
				t.Helper()
				at := 0
				for _, w := range want {
					w = markup.TypesetText(w, g.typography()) // the messages are written straight
					i := strings.Index(got[at:], w)
					if i < 0 {
						t.Fatalf("read:\n%s\nwant, in order: %q", got, want)
					}
					at += i + len(w)
				}
				if tc.commit && strings.Contains(got, "nothing happened") {
					t.Errorf("a command that was kept is said to have done nothing:\n%s", got)
				}
			}
			step(g, "north")
			check(drain(), tc.first)
			j.down = false
			step(g, "look")
			check(drain(), tc.then)
			want, _ := g.snapshot()
			// A sentence no entry accounts for is in the snapshot it forces
			// (as for any refusal); without one, the journal alone must do.
			useSnaps := []bool{true}
			if tc.first[0] == "Cliff Path" {
				useSnaps = append(useSnaps, false)
			}
			for _, useSnap := range useSnaps {
				re, err := RebuildGame(s, durableOpts(&memJournal{}), j.resume(int64(len(j.entries)), useSnap))
				if err != nil {
					t.Fatal(err)
				}
				if got, _ := re.snapshot(); !bytes.Equal(got, want) {
					t.Errorf("snapshot %v: the rebuilt game differs from the one that played", useSnap)
				}
			}
		})
	}
}

// A shared world's snapshot keeps no undo points: undo is refused there,
// and each point would hold the whole world, for every player.
func TestSharedWorldSnapshotKeepsNoUndo(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann")
	m.do("ann", "take lamp")
	m.do("ann", "east")
	m.read()
	var data []byte
	var err error
	m.onLoop("ann", func() { data, err = m.w.snapshot() })
	if err != nil {
		t.Fatal(err)
	}
	var sf snapshotFile
	if err := json.Unmarshal(data, &sf); err != nil {
		t.Fatal(err)
	}
	if len(sf.Players) != 1 || len(sf.Players[0].Undo) != 0 {
		t.Errorf("the snapshot keeps %d undo points for a player who cannot undo", len(sf.Players[0].Undo))
	}
}

// A shared world refuses undo, so its players keep no undo points in
// memory either: each would hold the whole world as it was.
func TestSharedWorldPlayersKeepNoUndoPoints(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann")
	for _, line := range []string{"take lamp", "east", "west", "look", "north"} {
		m.do("ann", line)
	}
	m.read()
	points := -1
	m.onLoop("ann", func() { points = len(m.w.players[0].undo) })
	if points != 0 {
		t.Errorf("a MUD player keeps %d undo points", points)
	}
}

// While an entry's fate cannot be told, later input is not even tried
// (its number depends on that fate) and says nothing happened; once the
// journal answers, the kept entry is played before the next.
func TestUnsettledAppendHoldsLaterInput(t *testing.T) {
	s := loadStory(t, "demo")
	j := &lateJournal{late: 1, commit: true, down: true}
	g, err := New(s, durableOpts(j))
	if err != nil {
		t.Fatal(err)
	}
	sub := g.you().subscribe(0)
	drain := func() string {
		var evs []tio.Event
		for len(sub.Events) > 0 {
			evs = append(evs, <-sub.Events)
		}
		return strings.TrimSpace(textOf(evs))
	}
	drain()
	step(g, "north")
	if got := drain(); got != markup.TypesetText(msgFateUnknown, g.typography()) {
		t.Fatalf("north, its fate unknown: %q", got)
	}
	step(g, "look")
	if got := drain(); got != msgNotKept {
		t.Errorf("look while north is unsettled: %q, want only %q", got, msgNotKept)
	}
	j.down = false
	step(g, "look")
	if got := drain(); strings.Count(got, "Cliff Path") != 2 {
		t.Errorf("once settled, north's reply and then look's:\n%s", got)
	}
	if len(j.entries) != 2 {
		t.Errorf("the journal holds %d entries, want 2 (north, look)", len(j.entries))
	}
}
