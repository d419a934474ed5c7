package story

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one mistake in a story, placed as precisely as the loader can:
// the file, the line and column of the offending key (0 when unknown, as
// for generated stories) and the dotted path of the field.
type Problem struct {
	File  string
	Line  int
	Col   int
	Field string // dotted path, e.g. "items.lamp.weight" or "rules[2].do[0].say"
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is the error returned for an invalid story. It holds every
// mistake found, so an author can fix them all in one pass rather than
// discovering them one run at a time.
type Problems struct {
	List []Problem
}

func (ps *Problems) Error() string {
	lines := make([]string, len(ps.List))
	for i, p := range ps.List {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortProblems orders by file, then position, and drops exact duplicates
// (two checks can reach the same mistake by different routes).
func sortProblems(list []Problem) []Problem {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
	out := list[:0]
	for i, p := range list {
		if i > 0 && p == list[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// pos is where a field was written.
type pos struct {
	File      string
	Line, Col int
}

// report collects problems and places them through the position index that
// decoding built; for a story built in Go the index is empty and every
// problem lands on the fallback file.
type report struct {
	problems []Problem
	index    map[string]pos
	fallback string // file used when a path has no recorded position
	fromYAML bool   // positions came from files; "given" can be told apart from "zero"
	syntax   bool   // a file had a YAML syntax error, so part of the story is unread
}

// given says whether the author wrote the field at path.
func (r *report) given(path string) bool {
	_, ok := r.index[path]
	return ok
}

func newReport(fallback string) *report {
	return &report{index: map[string]pos{}, fallback: fallback}
}

// at finds the position of path, or of its nearest recorded ancestor:
// fields the author left out (a missing `to:`) have no position of their
// own, but their parent does.
func (r *report) at(path string) pos {
	for p := path; p != ""; p = parentPath(p) {
		if ps, ok := r.index[p]; ok {
			return ps
		}
	}
	return pos{File: r.fallback}
}

func (r *report) add(path, format string, args ...any) {
	ps := r.at(path)
	r.problems = append(r.problems, Problem{File: ps.File, Line: ps.Line, Col: ps.Col, Field: path, Msg: fmt.Sprintf(format, args...)})
}

func (r *report) addAt(ps pos, path, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: ps.File, Line: ps.Line, Col: ps.Col, Field: path, Msg: fmt.Sprintf(format, args...)})
}

// maxProblems caps the list; past it, more lines help no one and a
// hostile file could make the message enormous.
const maxProblems = 1000

func (r *report) err() error {
	if len(r.problems) == 0 {
		return nil
	}
	list := sortProblems(append([]Problem(nil), r.problems...))
	if len(list) > maxProblems {
		more := len(list) - maxProblems
		list = append(list[:maxProblems], Problem{File: r.fallback, Msg: fmt.Sprintf("and %d more problems", more)})
	}
	return &Problems{List: list}
}

// syntaxOnly is err with only the YAML syntax errors and unreadable files:
// what a file that could not be read leaves undeclared is no mistake yet.
func (r *report) syntaxOnly() error {
	var keep []Problem
	for _, p := range r.problems {
		if strings.HasPrefix(p.Msg, syntaxPrefix) || strings.HasPrefix(p.Msg, "cannot be read") {
			keep = append(keep, p)
		}
	}
	r.problems = keep
	return r.err()
}

// parentPath strips the last segment: "a.b[2]" → "a.b", "a.b" → "a".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}
