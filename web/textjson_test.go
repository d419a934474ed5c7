package web

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// jsonAwkward is what strings are drawn from: every class of character
// the escaping treats apart.
var jsonAwkward = []string{"a", " ", "é", "€", "😀", "<", ">", "&", `"`, `\`, "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\xff", "\xe2\x80", "/", "'"}

func randomJSONString(rng *rand.Rand) string {
	var sb strings.Builder
	for range rng.IntN(12) {
		sb.WriteString(jsonAwkward[rng.IntN(len(jsonAwkward))])
	}
	return sb.String()
}

func randomTextMsg(rng *rand.Rand) *textMsg {
	s := func() string { return randomJSONString(rng) }
	n := func() int { return rng.IntN(5) - 2 } // zeros, for omitempty, and negatives
	m := &textMsg{
		Type: s(), Text: s(), Turns: n(), Location: s(), LocationImage: s(), NPCs: s(), Items: s(), Exits: s(),
		Inventory: s(), Score: n(), MaxScore: n(), Clock: s(), HP: n(), MaxHP: n(), Level: n(), Seq: rng.Uint64() >> rng.IntN(64),
	}
	if rng.IntN(3) > 0 {
		m.Special = []string{}
		for range rng.IntN(3) {
			m.Special = append(m.Special, s())
		}
	}
	if rng.IntN(2) == 0 {
		p := s()
		m.Players = &p
	}
	if rng.IntN(3) == 0 {
		m.Ending = &endingMsg{ID: s(), Title: s(), Won: rng.IntN(2) == 0}
	}
	if rng.IntN(3) == 0 {
		m.Narration = &narrationInfo{ID: rng.Uint64() >> rng.IntN(64), Final: rng.IntN(2) == 0, Of: s()}
	}
	return m
}

// TestTextJSONIsMarshal: the hand-written encoding of a text message is
// byte for byte json.Marshal's, over random messages with every field
// set, unset and awkward.
func TestTextJSONIsMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	for range 20000 {
		m := randomTextMsg(rng)
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("%+v:\n got %s\nwant %s", m, got, want)
		}
	}
}

// FuzzTextJSON: any string is quoted as json.Marshal quotes it.
func FuzzTextJSON(f *testing.F) {
	for _, s := range jsonAwkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}
