package bot_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tale-if/tale/bot"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/tio"
)

// crowd is how many bots share one MUD dungeon: enough that rooms fill,
// fights are shared and every stream is busy with the others' news.
const crowd = 50

// crowdBudget bounds each bot's game so the test ends in seconds even
// under -race; the bots need not win, only play.
const crowdBudget = 120

// Fifty bots in one MUD dungeon at once: no race (under -race), no
// deadlock (the context bounds it), and every bot's own stream is
// consistent: its seqs have no gap and its state events make sense.
func TestCrowdInOneMUDDungeon(t *testing.T) {
	s := loadDungeon(t)
	seed := uint64(7)
	w, err := driver.NewWorld(s, driver.Options{Seed: &seed, DataDir: t.TempDir(), Mode: driver.ModeMUD,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	var wg sync.WaitGroup
	var commands atomic.Int64
	problems := make(chan string, crowd*4)
	for i := range crowd {
		seat, err := w.Join(ctx, fmt.Sprintf("bot%02d", i))
		if err != nil {
			t.Fatal(err)
		}
		recorded := make(chan []string, 1)
		stop := make(chan struct{})
		go func() { recorded <- record(ctx, seat, stop) }()
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := bot.Play(ctx, seat, bot.Options{MaxCommands: crowdBudget})
			commands.Add(int64(res.Commands))
			if err != nil && !errors.Is(err, bot.ErrGaveUp) && !errors.Is(err, tio.ErrSessionClosed) {
				problems <- fmt.Sprintf("bot%02d: %v", i, err)
			}
			seat.Sync(ctx)
			close(stop)
			for _, p := range <-recorded {
				problems <- fmt.Sprintf("bot%02d: %s", i, p)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d bots typed %d commands", crowd, commands.Load())
	if commands.Load() < crowd*10 {
		t.Errorf("the bots typed only %d commands: they did not really play", commands.Load())
	}
	if ctx.Err() != nil {
		t.Fatal("the crowd did not finish in time (a deadlock, or far too slow)")
	}
	cancel()
	<-done
	close(problems)
	n := 0
	for p := range problems {
		if n++; n <= 20 {
			t.Error(p)
		}
	}
}

// record reads every event of seat from the start, as a front end
// does (resuming by seq when it is cut off), until stop, and returns what
// is inconsistent: a gap or repeat in seqs, or a state that makes no sense.
func record(ctx context.Context, seat tio.Session, stop <-chan struct{}) []string {
	var problems []string
	var last uint64
	var turns int
	for {
		sub, err := seat.Subscribe(ctx, int64(last))
		if err != nil {
			return problems // the seat is closed: its player left
		}
		if sub.Resynced {
			problems = append(problems, fmt.Sprintf("resynced after seq %d: the replay did not reach back", last))
		}
		for open := true; open; {
			select {
			case ev, ok := <-sub.Events:
				if !ok {
					open = false
					break
				}
				if ev.Snapshot {
					continue
				}
				if ev.Seq != last+1 {
					problems = append(problems, fmt.Sprintf("seq %d after %d", ev.Seq, last))
				}
				last = ev.Seq
				if st := ev.State; ev.Kind == tio.KindState {
					switch {
					case st.Location == "":
						problems = append(problems, fmt.Sprintf("seq %d: a state with no location", ev.Seq))
					case st.HP < 0 || st.HP > st.MaxHP:
						problems = append(problems, fmt.Sprintf("seq %d: HP %d of %d", ev.Seq, st.HP, st.MaxHP))
					case st.Turns < turns:
						problems = append(problems, fmt.Sprintf("seq %d: turns went back from %d to %d", ev.Seq, turns, st.Turns))
					}
					turns = st.Turns
				}
			case <-stop:
				sub.Cancel()
				return problems
			}
		}
		if !sub.Evicted() {
			return problems
		}
	}
}
