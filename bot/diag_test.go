package bot_test

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestDiagnose is a tuning aid, skipped unless BOT_SEED is set:
//
//	BOT_SEED=7 go test -run TestDiagnose -v ./bot     # one game, transcript on stdout
//	BOT_SEED=all go test -run TestDiagnose -v ./bot   # seeds 0–99: outcomes, and where deaths happen
//
// BOT_GAMES=n plays seeds 0 to n-1 instead of 100.
// BOT_STORY=<dir> plays another story folder (a harder catalogue, say).
func TestDiagnose(t *testing.T) {
	v := os.Getenv("BOT_SEED")
	if v == "" {
		t.Skip("set BOT_SEED to a seed or to all")
	}
	s := loadDungeon(t)
	if v != "all" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		res, err := playSeed(t, s, seed, os.Stdout)
		t.Logf("%+v %v", res, err)
		return
	}
	games := uint64(100)
	if n, err := strconv.ParseUint(os.Getenv("BOT_GAMES"), 10, 64); err == nil {
		games = n
	}
	outcomes, deaths := map[string]int{}, map[string]int{}
	for seed := uint64(0); seed < games; seed++ {
		var log bytes.Buffer
		res, err := playSeed(t, s, seed, &log)
		switch {
		case res.Won:
			outcomes["won"]++
			continue
		case err != nil:
			outcomes[err.Error()]++
		default:
			outcomes[res.Ending]++
		}
		text := log.String()
		depth := 1 + strings.Count(text, "> down\n") - strings.Count(text, "> up\n")
		killer := ""
		if i := strings.LastIndex(text, " hits you"); i >= 0 {
			killer = text[strings.LastIndex(text[:i], "\n")+1 : i]
		}
		deaths[fmt.Sprintf("level %d, %s", depth, killer)]++
		t.Logf("seed %d: %+v %v (level %d, %s)", seed, res, err, depth, killer)
	}
	t.Logf("outcomes: %v", outcomes)
	var keys []string
	for k := range deaths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("lost on %s: %d", k, deaths[k])
	}
}
