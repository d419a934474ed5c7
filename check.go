package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// checkSeed is the seed a procedural story is generated with for
// `tale check`: one generated world is checked like a written one.
const checkSeed uint64 = 1

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check a story folder without playing it: every mistake, with its file and line",
		ArgsUsage: "DIR",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("tale check wants one story folder (or bundled story name)")
			}
			problems, summary, err := checkStory(c.Args().First())
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(c.App.Writer, p)
			}
			if len(problems) > 0 {
				noun := "problems"
				if len(problems) == 1 {
					noun = "problem"
				}
				return usagef("%s: %d %s", c.Args().First(), len(problems), noun)
			}
			fmt.Fprintln(c.App.Writer, summary)
			return nil
		},
	}
}

// checkStory loads the story folder dir (on disk, else bundled), its test
// scripts and, for a procedural story, one world generated from it, and
// lists every problem. err is for a folder that holds no story at all.
func checkStory(dir string) (problems []string, summary string, err error) {
	var folder fs.FS
	var s *story.Story
	var loadErr error
	if info, statErr := os.Stat(dir); statErr == nil && info.IsDir() {
		folder = os.DirFS(dir)
		s, loadErr = story.LoadDir(dir)
	} else if id := filepath.Base(filepath.Clean(dir)); isBundled(id) {
		folder, _ = fs.Sub(stories.FS, id)
		s, loadErr = story.Load(stories.FS, id)
	} else {
		return nil, "", usagef("no story %q: not a folder here, and not a bundled story", dir)
	}
	var ps *story.Problems
	switch {
	case errors.As(loadErr, &ps):
		for _, p := range ps.List {
			problems = append(problems, p.String())
		}
	case loadErr != nil:
		return nil, "", usagef("%v", loadErr)
	}
	if s != nil && s.Config.Generator != nil {
		if _, err := s.Generate(checkSeed); err != nil {
			problems = append(problems, fmt.Sprintf("%s (generated with seed %d): %v", dir, checkSeed, err))
		}
	}
	names, _ := fs.Glob(folder, story.TestsDir+"/*.yaml")
	for _, n := range names {
		data, err := fs.ReadFile(folder, n)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", path.Join(dir, n), err))
			continue
		}
		_, bad := parseScript(path.Join(dir, n), data)
		problems = append(problems, bad...)
	}
	if s != nil {
		summary = fmt.Sprintf("%s: ok — %q, %d locations, %d items, %d npcs, %d test scripts",
			dir, s.Config.Name, len(s.Locations), len(s.Items), len(s.NPCs), len(names))
	}
	return problems, summary, nil
}
