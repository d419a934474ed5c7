package parse

import (
	"strings"
	"unicode/utf8"
)

// maxLineBytes mirrors tio.MaxLineBytes: the parser guards itself too,
// since a line may reach it from a replay or a test rather than a front end.
const maxLineBytes = 4096

type tokKind uint8

const (
	tWord  tokKind = iota
	tComma         // lists ("lamp, key and box") and addressing ("keeper, hello")
	tQuote         // "quoted text" or 'speech: one token, content in raw
	tSep           // "." or ";" before white space, or "then": the end of one command
)

// token is one word of the input. start and end are byte offsets in the
// line the token came from, so text can be cut from the line as typed.
type token struct {
	w          string // lower case
	raw        string // as typed (for a quote: its content)
	start, end int
	kind       tokKind
}

// clean makes any input safe to work on: bounded in length and valid UTF-8,
// so every later step can index and slice without care.
func clean(line string) string {
	if len(line) > maxLineBytes {
		cut := maxLineBytes
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	return line
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0
}

// ignored punctuation ends a word and is otherwise dropped, so "take
// lamp!" and "(take lamp)" read as "take lamp".
func isIgnored(c byte) bool {
	switch c {
	case '!', '?', ':', '(', ')', '[', ']', '{', '}':
		return true
	}
	return c < 0x20 || c == 0x7f
}

const (
	openCurly  = "\u201c" // “
	closeCurly = "\u201d" // ”
)

// speechVerbs take the whole rest of their line as what is said: "say
// stop. then listen" says all of it, so "." ";" and "then" after them
// separate nothing (unless the speech is quoted: `say "hi". n`).
var speechVerbs = map[string]bool{
	"say": true, "utter": true, "answer": true, "reply": true,
	"shout": true, "yell": true, "scream": true,
}

// sepAt reports whether the "." or ";" at line[i] ends a command, and
// where the run of them ends. A period or semicolon separates only when
// followed by white space or the end of the line, so "save ../notes" and
// "x v1.2" keep their words whole while "take lamp. n" is two commands.
func sepAt(line string, i int) (int, bool) {
	c := line[i]
	k := i
	for k < len(line) && line[k] == c {
		k++
	}
	return k, k == len(line) || isSpace(line[k]) || isIgnored(line[k])
}

// lex splits the first command of a line into tokens, up to and
// including the separator that ends it: the rest of the line is left for
// the next call, so a long line of many commands costs linear time per
// command. It never fails: anything that is not punctuation or space is
// part of a word.
func lex(line string) []token { return lexInto(make([]token, 0, lexRoom), line) }

// lexInto is lex appending to toks.
func lexInto(toks []token, line string) []token {
	atStart := true // at the start of a command: "'hello" and "?" mean say and help there
	words := 0      // tokens of this command so far, separators aside
	speech := false // after "say" and a word: no separators to the end of the line
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case isSpace(c):
			i++
			continue
		case c == ',':
			toks = append(toks, token{w: ",", raw: ",", start: i, end: i + 1, kind: tComma})
			i++
			atStart = false
			words++
			continue
		case c == '.' || c == ';':
			k, sep := sepAt(line, i)
			if !sep {
				break // part of a word: "../notes"
			}
			if speech && words > 1 {
				// Said, not separating: the text keeps it (it is cut
				// from the line), the words around it stay words.
				i = k
				continue
			}
			toks = append(toks, token{w: ".", raw: line[i:k], start: i, end: k, kind: tSep})
			if len(toks) > 1 {
				return toks
			}
			i = k
			atStart = true
			continue
		case c == '?' && atStart:
			toks = append(toks, token{w: "?", raw: "?", start: i, end: i + 1})
			i++
			atStart = false
			words++
			continue
		case c == '\'' && atStart:
			// 'hello: speech to the end of the line, as Inform and MUDs read it.
			content := strings.TrimSpace(line[i+1:])
			content = strings.TrimSuffix(content, "'")
			toks = append(toks, token{w: strings.ToLower(content), raw: content, start: i, end: len(line), kind: tQuote})
			return toks
		case c == '"' || strings.HasPrefix(line[i:], openCurly) || strings.HasPrefix(line[i:], closeCurly):
			q := 1
			if c != '"' {
				q = len(openCurly)
			}
			body := i + q
			end := len(line)
			closeAt := indexQuote(line[body:])
			next := end
			if closeAt >= 0 {
				end = body + closeAt
				next = end + quoteLen(line[end:])
			}
			content := line[body:end]
			toks = append(toks, token{w: strings.ToLower(content), raw: content, start: i, end: next, kind: tQuote})
			if words == 1 {
				// say "hi". n: the quotes mark where the speech ends.
				speech = false
			}
			i = next
			atStart = false
			words++
			continue
		case isIgnored(c):
			i++
			continue
		}
		j := i
		for j < len(line) {
			d := line[j]
			if isSpace(d) || d == ',' || d == '"' || isIgnored(d) {
				break
			}
			if d == '.' || d == ';' {
				k, sep := sepAt(line, j)
				if sep {
					break
				}
				j = k
				continue
			}
			if d >= 0x80 && (strings.HasPrefix(line[j:], openCurly) || strings.HasPrefix(line[j:], closeCurly)) {
				break
			}
			j++
		}
		raw := strings.Trim(line[i:j], "'")
		if raw != "" {
			w := strings.ToLower(raw)
			kind := tWord
			if w == "then" && (!speech || words == 1) {
				kind = tSep
			}
			toks = append(toks, token{w: w, raw: raw, start: i, end: j, kind: kind})
			if kind == tSep && len(toks) > 1 {
				return toks
			}
			atStart = kind == tSep
			if kind != tSep {
				if words == 0 && speechVerbs[w] {
					speech = true
				}
				words++
			}
		}
		i = j
	}
	return toks
}

func indexQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || strings.HasPrefix(s[i:], closeCurly) || strings.HasPrefix(s[i:], openCurly) {
			return i
		}
	}
	return -1
}

func quoteLen(s string) int {
	if strings.HasPrefix(s, "\"") {
		return 1
	}
	return len(closeCurly)
}

// firstCommand cuts the tokens of the first command off the line; rest is
// what follows its separator, as typed.
func firstCommand(line string, toks []token) (cmd []token, rest string) {
	for i, t := range toks {
		if t.kind == tSep {
			return toks[:i], strings.TrimSpace(line[t.end:])
		}
	}
	return toks, ""
}
