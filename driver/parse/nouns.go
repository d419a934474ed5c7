package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quality is how well a phrase fits a noun; the best fit wins, so "brass
// key" means the brass key even when a "small brass key" is also here.
type quality uint8

const (
	qNone  quality = iota
	qAdj           // only adjectives ("brass")
	qNoun          // adjectives and at least one noun word ("small key")
	qExact         // exactly the name or one of its Words ("brass key")
)

// genericNoun are the words a player puts after adjectives for a thing
// whose name they don't know: "the green thing", "the small one".
var genericNoun = map[string]bool{"thing": true, "things": true, "one": true, "object": true, "item": true}

func isArticle(w string) bool {
	switch w {
	case "a", "an", "the", "some":
		return true
	}
	return false
}

func stripArticles(toks []token) []token {
	for len(toks) > 0 && toks[0].kind == tWord && isArticle(toks[0].w) {
		toks = toks[1:]
	}
	return toks
}

// wordsEqual reports whether the space-separated words of s (ignoring a
// leading article and case) are exactly the tokens.
func wordsEqual(s string, toks []token) bool {
	i := 0
	first := true
	for {
		for len(s) > 0 && s[0] == ' ' {
			s = s[1:]
		}
		if s == "" {
			return i == len(toks)
		}
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		w := s[:end]
		s = s[end:]
		if first && isArticleFold(w) {
			first = false
			continue
		}
		first = false
		if i >= len(toks) || !strings.EqualFold(w, toks[i].w) {
			return false
		}
		i++
	}
}

func isArticleFold(w string) bool {
	return len(w) <= 4 && isArticle(strings.ToLower(w))
}

// hasField reports whether w is one of the space-separated words of s,
// ignoring case. It is the innermost loop of name matching, so it checks
// the first byte before comparing whole words.
func hasField(s, w string) bool {
	n := len(w)
	if n == 0 {
		return false
	}
	for i := 0; i+n <= len(s); {
		if c := s[i]; (c == w[0] || c|0x20 == w[0]) && (i+n == len(s) || s[i+n] == ' ') && strings.EqualFold(s[i:i+n], w) {
			return true
		}
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

// isNounWord reports whether w is one of n's nouns. The display name only
// counts when the driver gave no Words, so that an adjective in a name
// ("brass key") stays an adjective.
func isNounWord(n *Noun, w string) bool {
	if len(n.Words) == 0 {
		return hasField(n.Name, w) || len(w) >= minCut && hasFieldPrefix(n.Name, w)
	}
	for _, nw := range n.Words {
		if hasField(nw, w) {
			return true
		}
	}
	if len(w) >= minCut {
		for _, nw := range n.Words {
			if hasFieldPrefix(nw, w) {
				return true
			}
		}
	}
	return false
}

func isAdjective(n *Noun, w string) bool {
	for _, a := range n.Adjectives {
		if a == w || hasField(a, w) {
			return true
		}
	}
	if len(w) >= minCut {
		for _, a := range n.Adjectives {
			if hasFieldPrefix(a, w) {
				return true
			}
		}
	}
	return false
}

// minCut is the shortest cut-off word that still names something: TADS
// let players type any word cut to its first six letters ("lanter",
// "candel" for "candelabrum"), and so do we for names.
const minCut = 6

// hasFieldPrefix reports whether one of the words of s starts with w.
func hasFieldPrefix(s, w string) bool {
	for len(s) >= len(w) {
		if strings.EqualFold(s[:len(w)], w) {
			return true
		}
		j := strings.IndexByte(s, ' ')
		if j < 0 {
			return false
		}
		s = s[j+1:]
	}
	return false
}

// Prepare sums up in n how its words begin, so that the parser passes
// over it without comparing words when a phrase cannot name it: choosing
// the noun meant is most of a command's parsing, and most nouns in scope
// fail on the first letter of the first word. The driver prepares the
// nouns it builds once and copies into every scope; a noun's words must
// not change after (a copy may: the summary goes with it).
func Prepare(n *Noun) { n.initials = initialsOf(n) }

// initialsOf is a bit per ASCII byte (folded, and modulo 64, so two may
// share one: a false hope, never a false miss) that begins a field of
// what isNounWord and isAdjective look at, and initialsPast when one
// begins past ASCII, where case folding is Unicode's (the Kelvin sign is
// a k): then every phrase is compared in full.
func initialsOf(n *Noun) uint64 {
	m := initialsSet
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			if i > 0 && s[i-1] != ' ' || s[i] == ' ' {
				continue
			}
			if s[i] >= utf8.RuneSelf {
				m |= initialsPast
			} else {
				m |= initialBit(s[i])
			}
		}
	}
	if len(n.Words) == 0 {
		add(n.Name)
	}
	for _, w := range n.Words {
		add(w)
	}
	for _, a := range n.Adjectives {
		add(a)
	}
	return m
}

const (
	initialsSet  uint64 = 1 << 63 // prepared, so a zero summary means not
	initialsPast uint64 = 1 << 62 // a field begins past ASCII
	initialsMask        = 61      // the bits for bytes: c%61, below the two flags
)

// initialBit is the bit of an ASCII byte, A to Z folded to a to z as
// strings.EqualFold folds them.
func initialBit(c byte) uint64 {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return 1 << (c % initialsMask)
}

// cannotStart reports whether n's summary rules out a phrase whose first
// word is w: a first word must be one of its nouns or adjectives.
func (n *Noun) cannotStart(w string) bool {
	m := n.initials
	return m != 0 && m&initialsPast == 0 && w != "" && w[0] < utf8.RuneSelf && m&initialBit(w[0]) == 0
}

// fit rates how well toks (articles already stripped) name n. Most nouns
// fail on the first word, so the word-by-word test comes first and the
// exact-name test only runs for a noun that answers to every word.
func fit(n *Noun, toks []token) quality {
	if len(toks) == 0 || n.cannotStart(toks[0].w) {
		return qNone
	}
	noun := false
	for i := range toks {
		t := &toks[i]
		if t.kind != tWord {
			return qNone
		}
		switch {
		case isNounWord(n, t.w):
			noun = true
		case isAdjective(n, t.w):
		case i > 0 && i == len(toks)-1 && genericNoun[t.w] && (n.Kind == Thing || n.Kind == Scenery):
			// "green thing": the adjectives say which; the last word
			// only says it is a thing ("take green" works, so must this).
			noun = true
		default:
			return qNone
		}
	}
	if !noun {
		return qAdj
	}
	if wordsEqual(n.Name, toks) {
		return qExact
	}
	for _, w := range n.Words {
		if wordsEqual(w, toks) {
			return qExact
		}
	}
	return qNoun
}

// knownInScope reports whether any noun in scope answers to w, to tell a
// misspelling (kept for "oops") from a real word for something not here.
func knownInScope(scope *Scope, w string) bool {
	for i := range scope.Nouns {
		n := &scope.Nouns[i]
		if isNounWord(n, w) || isAdjective(n, w) {
			return true
		}
	}
	for _, e := range scope.Exits {
		if hasField(e, w) {
			return true
		}
	}
	return false
}

func findID(scope *Scope, id string) (Noun, bool) {
	for i := range scope.Nouns {
		if scope.Nouns[i].ID == id {
			return scope.Nouns[i], true
		}
	}
	return Noun{}, false
}

// the names a noun in a sentence: "the brass key", but "Wren" for a proper
// name (which the story writes with a capital).
func the(n *Noun) string { return theName(n.Name) }

// theName is the for a noun called name.
func theName(name string) string {
	if name == "" {
		return "that"
	}
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
		return name
	}
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "the ") || strings.HasPrefix(lower, "a ") || strings.HasPrefix(lower, "an ") || strings.HasPrefix(lower, "some ") {
		return name
	}
	return "the " + name
}

// list joins names as English does: "a", "a or b", "a, b or c".
func list(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

func theAll(ns []Noun, conj string) string {
	names := make([]string, len(ns))
	for i := range ns {
		names[i] = the(&ns[i])
	}
	return list(names, conj)
}
