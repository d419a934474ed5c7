package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// Every bundled story has test scripts, and they pass: the same code as
// `tale test demo`, over the stories built into the binary.
func TestBundledStoryScripts(t *testing.T) {
	for _, id := range bundledIDs() {
		t.Run(id, func(t *testing.T) {
			s, err := story.Load(stories.FS, id)
			if err != nil {
				t.Fatal(err)
			}
			folder, err := fs.Sub(stories.FS, id)
			if err != nil {
				t.Fatal(err)
			}
			res, err := runStoryTests(t.Context(), s, folder, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.failures {
				t.Error(f)
			}
		})
	}
}

// writeStory makes a story folder on disk from file texts.
func writeStory(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "porch")
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.TrimPrefix(text, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var porch = map[string]string{
	"story.yaml": "name: Porch\nstart: porch\nendings: {home: {kind: win}}\n",
	"world.yaml": `
locations:
  porch:
    name: Porch
    description: A porch. A door leads in.
    exits: {in: hall}
  hall:
    name: Hall
    description: Home at last.
    on_enter: [{do: [{end: home}]}]
`,
	"tests/win.yaml": `
ending: win
steps:
  - look: [Porch, door leads in]
  - in: Home at last
`,
}

// runWithScripts runs the tale app and returns what it printed and its
// exit code.
func runWithScripts(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := newApp(strings.NewReader(""), &out, &errOut)
	code := exitOK
	if err := app.Run(append([]string{"tale"}, args...)); err != nil {
		var ue usageError
		code = exitFailure
		if errors.As(err, &ue) {
			code = exitUsage
		}
		errOut.WriteString(err.Error())
	}
	return out.String() + errOut.String(), code
}

func TestTaleCheck(t *testing.T) {
	dir := writeStory(t, porch)
	if out, code := runWithScripts(t, "check", dir); code != exitOK || !strings.Contains(out, "ok") {
		t.Errorf("a good story: exit %d\n%s", code, out)
	}
	bad := map[string]string{}
	for k, v := range porch {
		bad[k] = v
	}
	bad["world.yaml"] += "items:\n  lamp: {name: lamp, at: cellar, weight: heavy}\n"
	bad["tests/win.yaml"] += "  - look\n"
	dir = writeStory(t, bad)
	out, code := runWithScripts(t, "check", dir)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{
		"world.yaml:11:22: items.lamp.at: no location, item or npc \"cellar\"",
		"world.yaml:11:34: items.lamp.weight: cannot be \"heavy\", want a whole number",
		"tests/win.yaml:5:5: a step is one `command: fragment`",
		"3 problems",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("tale check does not say %q:\n%s", want, out)
		}
	}
}

func TestTaleTest(t *testing.T) {
	dir := writeStory(t, porch)
	if out, code := runWithScripts(t, "test", dir); code != exitOK || !strings.Contains(out, "1 scripts, 2 steps: ok") {
		t.Errorf("passing scripts: exit %d\n%s", code, out)
	}
	failing := map[string]string{}
	for k, v := range porch {
		failing[k] = v
	}
	failing["tests/win.yaml"] = "ending: lose\nsteps:\n  - look: [Porch, \"!door\"]\n  - in: Away\n"
	dir = writeStory(t, failing)
	out, code := runWithScripts(t, "test", dir)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	for _, want := range []string{
		`tests/win.yaml:3: "look": the reply has "door"`,
		`tests/win.yaml:4: "in": the reply lacks "Away"; it was:`,
		"    Home at last.",
		"the story ended with \"home\"; the script wants a lose",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("tale test does not say %q:\n%s", want, out)
		}
	}
	delete(failing, "tests/win.yaml")
	dir = writeStory(t, failing)
	if out, code := runWithScripts(t, "test", dir); code != exitUsage || !strings.Contains(out, "has no test scripts") {
		t.Errorf("no scripts: exit %d\n%s", code, out)
	}
}
