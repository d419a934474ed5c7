package driver

import (
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio/markup"
)

// vary shows a story text's varying parts ([if …], [one of] …) as they
// are now. Only a text the loader found in the story (story.Texts, where
// "it" is already the thing the text belongs to) varies: anything else,
// a player's words included, is returned as it is, so calling vary on a
// text that has been varied already changes nothing.
func (tn *turn) vary(raw string) string {
	t, ok := tn.story.Texts[raw]
	if !ok {
		return raw
	}
	var b strings.Builder
	tn.render(&b, t, textID(raw))
	return b.String()
}

// textID names a text in the state of its [one of]s: the same text shows
// the same sequence wherever it is used.
func textID(raw string) string {
	h := fnv.New64a()
	h.Write([]byte(raw))
	return strconv.FormatUint(h.Sum64(), 36)
}

func (tn *turn) render(b *strings.Builder, t story.Text, id string) {
	for _, p := range t {
		switch {
		case p.If != nil:
			if tn.holds1(p.If) {
				tn.render(b, p.Then, id)
			} else {
				tn.render(b, p.Else, id)
			}
		case p.OneOf != nil:
			tn.render(b, p.OneOf[tn.pick(p, id)], id)
		default:
			b.WriteString(p.Lit)
		}
	}
}

// pick chooses a [one of]'s alternative and moves its sequence on. The
// place in a sequence is the player's own (Mine.Texts; in IF mode the
// world's Texts), so undo, save and restore take it back with everything
// else.
func (tn *turn) pick(p story.Part, id string) int {
	n := len(p.OneOf)
	if p.Mode == story.AtRandom {
		return tn.st.RNG.IntN(n)
	}
	key := id + "." + strconv.Itoa(p.Key)
	seen := tn.textCounter(key)
	tn.setTextCounter(key, seen+1)
	if p.Mode == story.Stopping {
		return min(seen, n-1)
	}
	return seen % n
}

func (tn *turn) textCounter(key string) int {
	if tn.mud() {
		if tn.st.PlayerState == nil {
			return 0
		}
		return tn.st.Mine.Texts[key]
	}
	return tn.st.Texts[key]
}

func (tn *turn) setTextCounter(key string, v int) {
	if !tn.mud() {
		ws := tn.writableWorld(cwTexts)
		if ws.Texts == nil {
			ws.Texts = map[string]int{}
		}
		ws.Texts[key] = v
		return
	}
	if tn.st.PlayerState == nil {
		return // a world turn with nobody's eyes: nobody saw it
	}
	ps := tn.writablePlayer(cpMineTexts)
	if ps.Mine.Texts == nil {
		ps.Mine.Texts = map[string]int{}
	}
	ps.Mine.Texts[key] = v
}

// quote puts what a player said between the game's quotes. Speech is
// shown as written (markup.Typeset leaves it alone), so these are the
// quotes the player reads around it, in either style.
func (tn *turn) quote(said string) string { return tn.typography().Quote(said) }

// typeset gives the driver's own words in speech their quote style
// before they are marked as speech, which Typeset leaves as written.
func (tn *turn) typeset(s string) string { return markup.Typeset(s, tn.typography()) }
