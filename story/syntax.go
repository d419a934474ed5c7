package story

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// syntaxPrefix starts every YAML syntax problem.
const syntaxPrefix = "YAML syntax error: "

// maxSyntaxScan bounds the lines syntaxPlace re-reads: it parses growing
// prefixes of the file, which is quadratic, and a story file this long is
// already a surprise.
const maxSyntaxScan = 4000

// syntaxPlace finds the line and column where a file stops being YAML.
// yaml.v3 reports the line where the enclosing mapping began (and counts
// from 0), which for a mis-indented key is often the top of the file; an
// author needs the line that is wrong. The first prefix of the file that
// does not parse ends on that line. A prefix that fails only because the
// file was cut short (an open quote or bracket) is not yet an error.
func syntaxPlace(data []byte) (line, col int, ok bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > maxSyntaxScan {
		return 0, 0, false
	}
	n := 0
	for i, l := range lines {
		n += len(l)
		if bytes.TrimSpace(l) == nil || len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if err := parses(data[:n]); err != nil && !cutShort(err) {
			text := string(l)
			c := len(text) - len(strings.TrimLeft(text, " ")) + 1
			return i + 1, c, true
		}
	}
	return 0, 0, false
}

// parses reports the first syntax error of every document in data.
func parses(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanic
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

type panicErr struct{}

func (panicErr) Error() string { return "yaml panicked" }

var errPanic error = panicErr{}

// cutShort says an error comes from the end of the input: more lines could
// still make it valid.
func cutShort(err error) bool {
	m := err.Error()
	return strings.Contains(m, "end of stream") || strings.Contains(m, "unexpected end")
}

// syntaxHint explains the yaml.v3 messages that newcomers meet most.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		return " (is this line indented like the lines of its section? YAML counts the spaces)"
	case strings.Contains(msg, "found character that cannot start any token"):
		return " (a tab? indent with spaces only)"
	case strings.Contains(msg, "mapping values are not allowed"):
		return " (a text with \": \" in it must be quoted)"
	}
	return ""
}
