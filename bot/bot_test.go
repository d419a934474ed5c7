package bot_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/bot"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
	_ "github.com/tale-if/tale/story/dungeon"
)

// playSeed runs one dungeon game with the bot and returns how it went.
// A give-up (budget spent, nothing left to try) is a loss, not an error.
func playSeed(tb testing.TB, s *story.Story, seed uint64, log io.Writer) (bot.Result, error) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	game, err := driver.New(s, driver.Options{Seed: &seed, DataDir: tb.TempDir(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		tb.Fatalf("seed %d: %v", seed, err)
	}
	done := make(chan error, 1)
	go func() { done <- game.Run(ctx) }()
	res, err := bot.Play(ctx, game.Session(), bot.Options{Log: log})
	cancel()
	<-done
	if err != nil && !errors.Is(err, bot.ErrGaveUp) {
		tb.Fatalf("seed %d: %v", seed, err)
	}
	return res, err
}

func loadDungeon(tb testing.TB) *story.Story {
	tb.Helper()
	dir := "../stories/dungeon"
	if d := os.Getenv("BOT_STORY"); d != "" {
		dir = d
	}
	s, err := story.LoadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestBotWinsSampleOfSeeds plays a sample of dungeons to the end. Every
// game must end (won, lost or given up within the command budget) and at
// least 9 of 10 must be won.
func TestBotWinsSampleOfSeeds(t *testing.T) {
	s := loadDungeon(t)
	seeds := []uint64{1, 2, 3, 5, 8, 13, 21, 34, 55, 89}
	if testing.Short() {
		seeds = seeds[:3]
	}
	wins := 0
	for _, seed := range seeds {
		var log bytes.Buffer
		res, err := playSeed(t, s, seed, &log)
		if res.Won {
			wins++
			continue
		}
		tail := log.Bytes()
		if len(tail) > 3000 {
			tail = tail[len(tail)-3000:]
		}
		t.Logf("seed %d lost: %+v (%v)\n…%s", seed, res, err, tail)
	}
	if need := len(seeds) * 9 / 10; wins < need {
		t.Errorf("won %d of %d seeds, want at least %d", wins, len(seeds), need)
	}
}

// TestBotPlaysEitherTypography: the bot reads the game in straight quotes
// whatever the story's typography, so a curly dungeon is played exactly
// as a straight one: the same ending in the same number of commands.
func TestBotPlaysEitherTypography(t *testing.T) {
	curly := loadDungeon(t)
	straight := loadDungeon(t)
	straight.Config.Typography = story.TypographyStraight
	for _, seed := range []uint64{1, 3} {
		c, _ := playSeed(t, curly, seed, io.Discard)
		s, _ := playSeed(t, straight, seed, io.Discard)
		if c.Won != s.Won || c.Ending != s.Ending || c.Commands != s.Commands {
			t.Errorf("seed %d: curly %+v, straight %+v", seed, c, s)
		}
	}
}

// TestBotNeverGetsLost plays another sample and asks only that the bot
// find its way: every game reaches an ending (won or died), or, with a
// driver that cannot fight, stops at the guarded hoard on the deepest
// level. It never spends its budget wandering or runs out of places to
// look.
func TestBotNeverGetsLost(t *testing.T) {
	s := loadDungeon(t)
	seeds := []uint64{0, 4, 7, 42, 99}
	if testing.Short() {
		seeds = seeds[:2]
	}
	for _, seed := range seeds {
		var log bytes.Buffer
		res, err := playSeed(t, s, seed, &log)
		if err != nil && !strings.Contains(err.Error(), "hoard cannot be taken") {
			t.Errorf("seed %d: %+v, %v", seed, res, err)
		}
		if res.Ending == "" && !strings.Contains(log.String(), "abbey silver") {
			t.Errorf("seed %d: never saw the hoard", seed)
		}
	}
}

// BenchmarkBotWinRate plays all 100 seeds and reports the win rate and
// the bot's commands per second (driver, parser and bot together).
func BenchmarkBotWinRate(b *testing.B) {
	s := loadDungeon(b)
	for b.Loop() {
		wins, cmds := 0, 0
		start := time.Now()
		for seed := uint64(0); seed < 100; seed++ {
			res, _ := playSeed(b, s, seed, nil)
			cmds += res.Commands
			if res.Won {
				wins++
			}
		}
		b.ReportMetric(float64(wins), "wins/100")
		b.ReportMetric(float64(cmds)/time.Since(start).Seconds(), "commands/s")
		b.ReportMetric(float64(cmds)/100, "commands/game")
	}
}
