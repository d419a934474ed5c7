package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"strings"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// A story's test scripts are Inform's "test me" as data: files in the
// folder's tests/ (which the loader does not read as world), each a list
// of commands with fragments their replies must contain.
//
//	seed: 1          # optional; default the story's seed, else 1
//	ending: win      # optional: the script must end the story so (win or lose)
//	steps:
//	  - look: The Slipway
//	  - take float: [Taken]
//	  - down: "!pitch dark"   # a fragment after ! must not appear
//
// `tale test DIR` runs every script and reports each failed step at its
// file and line.

// defaultScriptSeed plays stories without a seed of their own (the
// dungeon) the same way every run.
const defaultScriptSeed uint64 = 1

// maxScriptSteps bounds one script; a longer one is surely a mistake (or a
// file that is not a script).
const maxScriptSteps = 10_000

func testCommand() *cli.Command {
	return &cli.Command{
		Name:      "test",
		Usage:     "play a story's test scripts (tests/*.yaml) and report replies that differ",
		ArgsUsage: "DIR",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("tale test wants one story folder (or bundled story name)")
			}
			loaded, err := loadStory(c.Args().First())
			if err != nil {
				return err
			}
			res, err := runStoryTests(c.Context, loaded.story, loaded.assets, c.Args().First())
			if err != nil {
				return usageError{err}
			}
			res.report(c.App.Writer)
			if len(res.failures) > 0 {
				return fmt.Errorf("%s: %d of %d steps failed", c.Args().First(), len(res.failures), res.steps)
			}
			return nil
		},
	}
}

// script is one test file.
type script struct {
	file   string // as shown in messages
	seed   *uint64
	ending string
	steps  []step
}

type step struct {
	line  int
	cmd   string
	want  []string
	lacks []string
}

// testResult is what running a story's scripts found.
type testResult struct {
	scripts, steps int
	failures       []string
}

func (r testResult) report(w io.Writer) {
	for _, f := range r.failures {
		fmt.Fprintln(w, f)
	}
	status := "ok"
	if len(r.failures) > 0 {
		status = fmt.Sprintf("FAIL (%d failed)", len(r.failures))
	}
	fmt.Fprintf(w, "%d scripts, %d steps: %s\n", r.scripts, r.steps, status)
}

// runStoryTests plays every script of the story folder dir (read through
// folder, the story folder's FS). A folder without scripts, or a script
// that is not well formed, is an error: nothing was tested.
func runStoryTests(ctx context.Context, s *story.Story, folder fs.FS, dir string) (testResult, error) {
	names, err := fs.Glob(folder, story.TestsDir+"/*.yaml")
	if err != nil {
		return testResult{}, err
	}
	if len(names) == 0 {
		return testResult{}, fmt.Errorf("%s has no test scripts (%s/*.yaml)", dir, story.TestsDir)
	}
	var res testResult
	var bad []string
	var scripts []script
	for _, n := range names {
		data, err := fs.ReadFile(folder, n)
		if err != nil {
			return testResult{}, err
		}
		sc, problems := parseScript(path.Join(dir, n), data)
		bad = append(bad, problems...)
		scripts = append(scripts, sc)
	}
	if len(bad) > 0 {
		return testResult{}, errors.New(strings.Join(bad, "\n"))
	}
	for _, sc := range scripts {
		res.scripts++
		res.steps += len(sc.steps)
		fails, err := playScript(ctx, s, sc)
		if err != nil {
			return testResult{}, fmt.Errorf("%s: %w", sc.file, err)
		}
		res.failures = append(res.failures, fails...)
	}
	return res, nil
}

// parseScript reads a script, reporting every mistake with its line.
func parseScript(file string, data []byte) (script, []string) {
	sc := script{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return sc, []string{fmt.Sprintf("%s: %v", file, err)}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return sc, []string{fmt.Sprintf("%s: want a mapping with steps:", file)}
	}
	var bad []string
	badf := func(n *yaml.Node, format string, a ...any) {
		bad = append(bad, fmt.Sprintf("%s:%d:%d: %s", file, n.Line, n.Column, fmt.Sprintf(format, a...)))
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "seed":
			var u uint64
			if err := v.Decode(&u); err != nil {
				badf(v, "seed: want a whole number of zero or more")
			}
			sc.seed = &u
		case "ending":
			if v.Value != "win" && v.Value != "lose" {
				badf(v, "ending: want win or lose, not %q", v.Value)
			}
			sc.ending = v.Value
		case "steps":
			if v.Kind != yaml.SequenceNode {
				badf(v, "steps: want a list of `- command: fragment`")
				continue
			}
			if len(v.Content) > maxScriptSteps {
				badf(v, "steps: more than %d steps", maxScriptSteps)
				continue
			}
			for _, e := range v.Content {
				st, ok := parseStep(e, badf)
				if ok {
					sc.steps = append(sc.steps, st)
				}
			}
		default:
			badf(k, "unknown field %q; a script has seed, ending and steps", k.Value)
		}
	}
	if len(sc.steps) == 0 && len(bad) == 0 {
		badf(root, "no steps")
	}
	return sc, bad
}

func parseStep(e *yaml.Node, badf func(*yaml.Node, string, ...any)) (step, bool) {
	if e.Kind != yaml.MappingNode || len(e.Content) != 2 {
		badf(e, "a step is one `command: fragment` (or `command: [fragments]`)")
		return step{}, false
	}
	k, v := e.Content[0], e.Content[1]
	st := step{line: k.Line, cmd: k.Value}
	var frags []string
	switch v.Kind {
	case yaml.ScalarNode:
		if v.ShortTag() != "!!null" {
			frags = []string{v.Value}
		}
	case yaml.SequenceNode:
		for _, f := range v.Content {
			if f.Kind != yaml.ScalarNode {
				badf(f, "a fragment is text")
				return step{}, false
			}
			frags = append(frags, f.Value)
		}
	default:
		badf(v, "want a fragment or a list of fragments")
		return step{}, false
	}
	for _, f := range frags {
		if rest, ok := strings.CutPrefix(f, "!"); ok {
			st.lacks = append(st.lacks, rest)
		} else {
			st.want = append(st.want, f)
		}
	}
	return st, true
}

// playScript plays one script on a fresh game, as `tale --plain` would.
func playScript(ctx context.Context, s *story.Story, sc script) ([]string, error) {
	dataDir, err := os.MkdirTemp("", "tale-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dataDir)
	seed := sc.seed
	if seed == nil && s.Config.Seed == nil {
		d := defaultScriptSeed
		seed = &d
	}
	game, err := driver.New(s, driver.Options{Seed: seed, DataDir: dataDir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- game.Run(ctx) }()
	defer func() { cancel(); <-done }()

	sess := game.Session()
	sub, err := sess.Subscribe(ctx, 0)
	if err != nil {
		return nil, err
	}
	defer sub.Cancel()
	r := &replyReader{sub: sub}
	if _, err := r.upTo(ctx, sess); err != nil {
		return nil, err // the opening
	}
	var fails []string
	for _, st := range sc.steps {
		if err := sess.Send(ctx, tio.Line(st.cmd)); err != nil {
			if errors.Is(err, tio.ErrSessionClosed) {
				fails = append(fails, fmt.Sprintf("%s:%d: %q: the game had already ended", sc.file, st.line, st.cmd))
				break
			}
			return nil, err
		}
		reply, err := r.upTo(ctx, sess)
		if err != nil && !errors.Is(err, tio.ErrSessionClosed) {
			return nil, err
		}
		// Authors type straight quotes; the game shows its typography's.
		// A fragment matches in either style.
		plain := markup.TypesetText(reply, markup.Straight)
		for _, w := range st.want {
			if !strings.Contains(plain, markup.TypesetText(w, markup.Straight)) {
				fails = append(fails, fmt.Sprintf("%s:%d: %q: the reply lacks %q; it was:\n%s", sc.file, st.line, st.cmd, w, indent(reply)))
			}
		}
		for _, w := range st.lacks {
			if strings.Contains(plain, markup.TypesetText(w, markup.Straight)) {
				fails = append(fails, fmt.Sprintf("%s:%d: %q: the reply has %q; it was:\n%s", sc.file, st.line, st.cmd, w, indent(reply)))
			}
		}
	}
	if sc.ending != "" {
		switch e := r.ending; {
		case e == nil:
			fails = append(fails, fmt.Sprintf("%s: the story did not end; the script wants a %s", sc.file, sc.ending))
		case e.Won != (sc.ending == "win"):
			fails = append(fails, fmt.Sprintf("%s: the story ended with %q; the script wants a %s", sc.file, e.Title, sc.ending))
		}
	}
	return fails, nil
}

// replyReader reads a subscription up to the end of each reply.
type replyReader struct {
	sub    *tio.Subscription
	ending *tio.Ending
	seen   uint64 // the last Seq read
}

// upTo returns the text of every event up to the end of the reply to
// what was sent so far, in plain words.
func (r *replyReader) upTo(ctx context.Context, sess tio.Session) (string, error) {
	end, endErr := tio.ReplyEnd(ctx, sess)
	if endErr != nil && !errors.Is(endErr, tio.ErrSessionClosed) {
		return "", endErr
	}
	var parts []string
	for r.seen < end {
		select {
		case ev, ok := <-r.sub.Events:
			if !ok {
				return strings.Join(parts, "\n\n"), endErr
			}
			switch ev.Kind {
			case tio.KindText:
				parts = append(parts, markup.Plain(ev.Text, 0))
			case tio.KindChoices:
				// As the plain console shows a menu: the prompt, then the
				// options numbered.
				if c := ev.Choices; c != nil {
					lines := []string{markup.Plain(c.Prompt, 0)}
					for i, o := range c.Options {
						lines = append(lines, fmt.Sprintf("%d. %s", i+1, markup.Plain(o.Text, 0)))
					}
					parts = append(parts, strings.Join(lines, "\n"))
				}
			case tio.KindEnd:
				if r.ending == nil {
					r.ending = ev.Ending
				}
			}
			r.seen = ev.Seq
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return strings.Join(parts, "\n\n"), endErr
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}
