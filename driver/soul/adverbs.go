package soul

import (
	"sort"
	"strings"
	"sync"
)

// adverbs is the list sorted, so prefix lookups can binary-search; made
// on first use, as every table of the soul: a program's start pays for
// every package's tables, and a game needs these only for a command.
var adverbs = sync.OnceValue(func() []string {
	a := strings.Fields(`
absentmindedly affectionately angrily anxiously apologetically appreciatively
awkwardly badly bashfully bitterly blankly boldly boredly brightly briefly
calmly carefully carelessly casually cautiously cheekily cheerfully childishly
clumsily coldly contemptuously contentedly coyly crazily curiously cutely
darkly deeply defiantly delightedly demurely desperately deviously dismissively
dreamily drunkenly eagerly earnestly easily elegantly embarrassedly
encouragingly enthusiastically evilly excitedly expectantly faintly fiercely
firmly fondly foolishly formally frantically freely gently gleefully
gracefully gratefully greedily grimly grumpily guiltily happily harshly
hastily heartily helplessly hesitantly hopefully hopelessly humbly hungrily
idly impatiently inanely innocently intently ironically jealously jokingly
joyfully kindly knowingly lazily lightly listlessly loudly lovingly madly
meaningfully menacingly merrily mischievously miserably mockingly
mournfully mysteriously naughtily nervously nicely nobly noisily obediently
obviously oddly openly optimistically passionately patiently peacefully
pensively playfully pleasantly politely profusely proudly quickly quietly
rapidly reassuringly reluctantly repeatedly respectfully rudely ruefully sadly
sarcastically scornfully seductively seriously sheepishly shyly silently
sincerely sleepily slowly slyly smartly smugly softly solemnly sorrowfully
stiffly stonily strangely stupidly suddenly suggestively sulkily
suspiciously sweetly sympathetically tenderly tensely thankfully
thoughtfully tiredly triumphantly tunelessly uncertainly uncomfortably
understandingly unhappily violently warily warmly wearily wholeheartedly
wickedly wildly wisely wistfully wryly`)
	sort.Strings(a)
	return a
})

// IsAdverb reports whether word is a whole adverb the soul knows.
func IsAdverb(word string) bool {
	adverbs := adverbs()
	i := sort.SearchStrings(adverbs, word)
	return i < len(adverbs) && adverbs[i] == word
}

// AdverbsWithPrefix lists the adverbs that start with prefix, in order;
// an exact adverb is returned alone, so "sadly" never competes with a
// longer adverb that happens to begin with it.
func AdverbsWithPrefix(prefix string) []string {
	if prefix == "" {
		return nil
	}
	adverbs := adverbs()
	i := sort.SearchStrings(adverbs, prefix)
	if i < len(adverbs) && adverbs[i] == prefix {
		return []string{prefix}
	}
	j := i
	for j < len(adverbs) && strings.HasPrefix(adverbs[j], prefix) {
		j++
	}
	return append([]string(nil), adverbs[i:j]...)
}

// Adverb completes a prefix the way MUD players expect ("hap" →
// "happily"); ok is false when the prefix fits no adverb or several.
func Adverb(prefix string) (string, bool) {
	m := AdverbsWithPrefix(prefix)
	if len(m) != 1 {
		return "", false
	}
	return m[0], true
}

// Adverbs lists all adverbs, sorted.
func Adverbs() []string {
	return append([]string(nil), adverbs()...)
}
