package driver

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tale-if/tale/story"
)

// English for names: articles, lists, capitals. Names are wrapped in the
// semantic tags (<item>, <living>) a front end can make clickable.

// article picks "a", "an", "some" or the author's override.
func article(it *story.Item) string {
	switch {
	case it.Article != "":
		return it.Article
	case it.Plural:
		return "some"
	case startsWithVowelSound(it.Name):
		return "an"
	}
	return "a"
}

func startsWithVowelSound(s string) bool {
	w := strings.ToLower(s)
	for _, p := range []string{"uni", "use", "usu", "eu", "one", "once", "ewe"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	for _, p := range []string{"hour", "honest", "honour", "heir"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return w != "" && strings.ContainsRune("aeiou", rune(w[0]))
}

func itemTag(it *story.Item) string { return "<item>" + it.Name + "</item>" }

// aItem is "a <item>brass key</item>".
func aItem(it *story.Item) string { return article(it) + " " + itemTag(it) }

// aFew names items for a list, several of one name counted together:
// "three <item>healing draughts</item>", in the order each name first
// appears. note adds to one item's entry (" (worn)"); an item with a
// note is never counted in with others.
func aFew(its []*story.Item, note func(*story.Item) string) []string {
	var out []string
	at := map[string]int{} // name → index in out and count
	count := map[string]int{}
	for _, it := range its {
		n := ""
		if note != nil {
			n = note(it)
		}
		if n != "" || it.Plural || it.Article != "" {
			out = append(out, aItem(it)+n)
			continue
		}
		if i, ok := at[it.Name]; ok {
			count[it.Name]++
			out[i] = numberWord(count[it.Name]) + " <item>" + plural(it.Name) + "</item>"
			continue
		}
		at[it.Name] = len(out)
		count[it.Name] = 1
		out = append(out, aItem(it))
	}
	return out
}

// plural is a name for several: "healing draughts", "handfuls of coins".
func plural(name string) string {
	head, tail := name, ""
	if i := strings.Index(name, " of "); i > 0 {
		head, tail = name[:i], name[i:]
	}
	switch {
	case strings.HasSuffix(head, "s"), strings.HasSuffix(head, "x"), strings.HasSuffix(head, "ch"), strings.HasSuffix(head, "sh"):
		head += "es"
	case strings.HasSuffix(head, "y") && len(head) > 1 && !strings.ContainsRune("aeiou", rune(head[len(head)-2])):
		head = head[:len(head)-1] + "ies"
	default:
		head += "s"
	}
	return head + tail
}

// theItem is "the <item>brass key</item>".
func theItem(it *story.Item) string { return "the " + itemTag(it) }

func theDoor(d *story.Door) string { return "the <item>" + d.Name + "</item>" }

// theNPC is "the <living>old keeper</living>" or "<living>Maud</living>".
func theNPC(n *story.NPC) string {
	if n.ProperName != "" {
		return "<living>" + n.ProperName + "</living>"
	}
	return "the <living>" + n.Name + "</living>"
}

func npcPlain(n *story.NPC) string {
	if n.ProperName != "" {
		return n.ProperName
	}
	return n.Name
}

// listAnd joins "a, b and c".
func listAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// capital upper-cases the first letter of the text, skipping any tags
// in front of it.
func capital(s string) string {
	for i := 0; i < len(s); {
		if s[i] == '<' {
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				break
			}
			i += end + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		return s[:i] + string(unicode.ToUpper(r)) + s[i+size:]
	}
	return s
}

// pronoun is "it", "him", "her" or "them".
func pronoun(gender string, plural bool) string {
	switch {
	case plural:
		return "them"
	case gender == "m":
		return "him"
	case gender == "f":
		return "her"
	}
	return "it"
}

// isAre agrees a verb with a thing: "is" or "are".
func isAre(it *story.Item) string {
	if it.Plural {
		return "are"
	}
	return "is"
}
