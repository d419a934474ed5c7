package dungeon

import "github.com/tale-if/tale/story"

// Importing this package (main does, with a blank import) makes the
// generator available to story folders that name it.
func init() { story.RegisterGenerator("dungeon", Generate) }
