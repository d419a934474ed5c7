package story

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A mis-indented key is reported on its own line and column, and nothing
// that follows from the unread rest of the file is reported with it.
func TestYAMLIndentationErrorIsOneProblemAtItsLine(t *testing.T) {
	_, err := loadWith(t, zz(`
locations:
  cave:
    name: Cave
    description: Dark.
   exits:
      n: shore
items:
  lamp: {name: lamp, at: cave}
`))
	got := problemsOf(t, err)
	want := "demo/world/zz.yaml:5:4: YAML syntax error: did not find expected key (is this line indented like the lines of its section? YAML counts the spaces)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("want exactly\n  %s\ngot\n  %s", want, strings.Join(got, "\n  "))
	}
}

func TestYAMLTabIsPlaced(t *testing.T) {
	_, err := loadWith(t, zz("items:\n  lamp:\n\tname: lamp\n"))
	got := problemsOf(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0], "demo/world/zz.yaml:3:1: YAML syntax error:") || !strings.Contains(got[0], "indent with spaces") {
		t.Errorf("got\n  %s", strings.Join(got, "\n  "))
	}
}

func TestYAMLLineReadsWhatTheRegexpDid(t *testing.T) {
	re := regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) // the pattern it replaces
	for _, msg := range []string{
		"line 3: mapping values are not allowed in this context",
		"yaml: line 12: did not find expected key",
		"line 3: two\nlines",
		"line : no number",
		"line 1x: not a number",
		"line 7:no space",
		"unmarshal errors:\n  line 4: cannot unmarshal",
		"line 5: ",
		"line 99999999999999999999: huge",
	} {
		line, what, ok := yamlLine(msg)
		m := re.FindStringSubmatch(msg)
		if ok != (m != nil) {
			t.Errorf("%q: ok = %v, the regexp matched: %v", msg, ok, m != nil)
			continue
		}
		if m != nil {
			want, _ := strconv.Atoi(m[1])
			if line != want || what != m[2] {
				t.Errorf("%q = %d, %q; want %d, %q", msg, line, what, want, m[2])
			}
		}
	}
}
