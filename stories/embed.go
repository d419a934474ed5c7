// Package stories holds the stories bundled into the tale binary, one
// folder each (stories/demo, …), in the story folder format of
// docs/story-format.md. Load one with stories.Load("demo"): the same story
// as story.Load(stories.FS, "demo"), from its compiled form (load.go).
//
// Each folder may also carry walkthroughs (walkthrough.txt wins the story,
// walkthrough-lose.txt loses it): one command per line, ready to pipe into
// `tale --plain`. The golden transcript tests in this package play them.
package stories

import "embed"

// FS holds every bundled story folder, rooted so that "demo/story.yaml" is
// the demo's configuration.
//
//go:embed all:demo all:dungeon
var FS embed.FS
