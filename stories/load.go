package stories

import (
	"io/fs"

	"github.com/tale-if/tale/story"
)

// The bundled stories are also compiled into the binary as Go
// (compiled_stories.go), so that starting one costs no YAML parsing: at
// start-up that was most of the time before the first line.
//go:generate go run ./internal/compile compiled_stories.go

// Load is story.Load(FS, id), from the compiled form when it was generated
// from the folder as it is embedded now, and from the YAML otherwise.
func Load(id string) (*story.Story, error) {
	if c, ok := compiledStory(id); ok && fs.ValidPath(id) {
		return story.LoadCompiled(FS, id, c)
	}
	return story.Load(FS, id)
}

// IDs lists the bundled stories: the folders of FS with a story.yaml, by
// name.
func IDs() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && IsBundled(e.Name()) {
			ids = append(ids, e.Name())
		}
	}
	return ids
}

// IsBundled says whether id names a bundled story.
func IsBundled(id string) bool {
	if !fs.ValidPath(id) || id == "." {
		return false
	}
	_, err := fs.Stat(FS, id+"/story.yaml")
	return err == nil
}
