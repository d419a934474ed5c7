package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

// The tutorial (docs/tutorial.md) builds one game in steps, each step a
// story folder under docs/tutorial/. These tests keep it honest: a new
// author copies what the page shows, so every step must pass `tale check`
// and its own `tale test` scripts, and every block the page quotes must be
// in the folder it names.

const (
	tutorialDoc = "docs/tutorial.md"
	tutorialDir = "docs/tutorial"
)

// tutorialSteps lists the step folders, in order.
func tutorialSteps(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(tutorialDir)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range entries {
		if e.IsDir() {
			steps = append(steps, e.Name())
		}
	}
	if len(steps) == 0 {
		t.Fatalf("no step folders in %s", tutorialDir)
	}
	return steps
}

// Every step is a complete story: `tale check` finds nothing, it has test
// scripts, and they pass.
func TestTutorialStepsCheckAndPass(t *testing.T) {
	for _, step := range tutorialSteps(t) {
		t.Run(step, func(t *testing.T) {
			dir := filepath.Join(tutorialDir, step)
			problems, _, err := checkStory(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("tale check: %s", p)
			}
			s, err := story.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			res, err := runStoryTests(t.Context(), s, os.DirFS(dir), dir)
			if err != nil {
				t.Fatal(err) // among others: a step without test scripts
			}
			for _, f := range res.failures {
				t.Error(f)
			}
		})
	}
}

// quotedBlock is a fenced block of the tutorial that names its source on
// its first line ("# file: 2-light/things.yaml").
var quotedBlock = regexp.MustCompile("(?s)```yaml\n# file: ([^\n]+)\n(.*?)```")

// Every YAML block in the tutorial is quoted from a step folder: its lines
// stand together in the file it names, so the page shows what runs. And
// every step is shown.
func TestTutorialQuotesTheSteps(t *testing.T) {
	doc, err := os.ReadFile(tutorialDoc)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Count(string(doc), "```yaml\n")
	quoted := quotedBlock.FindAllStringSubmatch(string(doc), -1)
	if len(quoted) != all {
		t.Errorf("%d of %d yaml blocks name their file with a first line \"# file: STEP/FILE\"", len(quoted), all)
	}
	shown := map[string]bool{}
	for _, m := range quoted {
		name, block := m[1], m[2]
		step, _, _ := strings.Cut(name, "/")
		shown[step] = true
		data, err := os.ReadFile(filepath.Join(tutorialDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("the tutorial quotes %s: %v", name, err)
			continue
		}
		if !strings.Contains("\n"+string(data), "\n"+block) {
			t.Errorf("the tutorial's block from %s is not in that file (as whole lines):\n%s", name, block)
		}
	}
	for _, step := range tutorialSteps(t) {
		if !shown[step] {
			t.Errorf("the tutorial quotes nothing from step %s", step)
		}
	}
}

// commandBlock is a `tale check` or `tale test` run the tutorial shows:
// an optional marker for a typo made first (FROM becomes TO in FILE of
// the folder STEP, copied to a scratch folder named as the command
// names it), the command, then its output.
var commandBlock = regexp.MustCompile("(?s)(?:<!-- mistake: (\\S+) (\\S+) \"([^\"]+)\" -> \"([^\"]+)\" -->\n)?```\n\\$ tale (check|test) ([^\n]+)\n(.*?)```")

// What the tutorial shows `tale check` and `tale test` printing is what
// they print, the error for a typo'd flag included.
func TestTutorialCommandsPrintWhatItShows(t *testing.T) {
	doc, err := os.ReadFile(tutorialDoc)
	if err != nil {
		t.Fatal(err)
	}
	blocks := commandBlock.FindAllStringSubmatch(string(doc), -1)
	mistakes := 0
	for _, m := range blocks {
		step, file, from, to, cmd, dir, want := m[1], m[2], m[3], m[4], m[5], m[6], m[7]
		if step != "" {
			mistakes++
		}
		t.Run(cmd+" "+dir, func(t *testing.T) {
			wantCode := exitOK
			if step != "" {
				wantCode = exitUsage
				root := t.TempDir()
				makeTypo(t, filepath.Join(tutorialDir, step), filepath.Join(root, dir), file, from, to)
				t.Chdir(root) // the command names the folder as an author would
			}
			got, code := taleOutput(cmd, dir)
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
			if got != want {
				t.Errorf("tale %s %s prints\n%s\nthe tutorial shows\n%s", cmd, dir, got, want)
			}
		})
	}
	if len(blocks) < 2 || mistakes == 0 {
		t.Errorf("the tutorial shows %d runs of tale check or tale test, %d of them on a mistake; want a passing run and a mistake", len(blocks), mistakes)
	}
}

// makeTypo copies the story folder from to dst and replaces, once, the
// text from with to in file.
func makeTypo(t *testing.T, src, dst, file, from, to string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), from); n != 1 {
		t.Fatalf("%s/%s has %q %d times, want once", src, file, from, n)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// taleOutput runs `tale CMD DIR` as the tale command does (run in
// main.go): stdout, then stderr, and the exit code.
func taleOutput(cmd, dir string) (string, int) {
	var out, errOut bytes.Buffer
	app := newApp(strings.NewReader(""), &out, &errOut)
	code := exitOK
	if err := app.Run([]string{"tale", cmd, dir}); err != nil {
		code = exitFailure
		if errors.As(err, new(usageError)) {
			code = exitUsage
		}
		fmt.Fprintf(&errOut, "tale: %v\n", err)
	}
	return out.String() + errOut.String(), code
}
