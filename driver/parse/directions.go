package parse

// directions maps every word for a direction to the normalised name the
// story uses (story.Directions).
var directions = map[string]string{
	"n": "north", "north": "north",
	"s": "south", "south": "south",
	"e": "east", "east": "east",
	"w": "west", "west": "west",
	"ne": "northeast", "northeast": "northeast", "north-east": "northeast",
	"nw": "northwest", "northwest": "northwest", "north-west": "northwest",
	"se": "southeast", "southeast": "southeast", "south-east": "southeast",
	"sw": "southwest", "southwest": "southwest", "south-west": "southwest",
	"u": "up", "up": "up", "upward": "up", "upwards": "up", "upstairs": "up",
	"d": "down", "down": "down", "downward": "down", "downwards": "down", "downstairs": "down",
	"in": "in", "inside": "in",
	"out": "out", "outside": "out",
}

// directionOf reads a phrase that is just a direction: "east", "the east".
func directionOf(toks []token) (string, bool) {
	toks = stripArticles(toks)
	if len(toks) != 1 || toks[0].kind != tWord {
		return "", false
	}
	return direction(toks[0].w)
}

func direction(w string) (string, bool) {
	d, ok := directions[w]
	return d, ok
}

// goTo is the command for moving in a direction. "in" and "out" are real
// exits only where the location has them; elsewhere they mean entering
// something or leaving it, which the driver works out.
func goTo(dir string, scope *Scope) Command {
	if (dir == "in" || dir == "out") && !hasExit(scope, dir) {
		if dir == "in" {
			return Command{Verb: Enter}
		}
		return Command{Verb: ExitVerb}
	}
	return Command{Verb: Go, Direction: dir}
}

func hasExit(scope *Scope, name string) bool {
	for _, e := range scope.Exits {
		if e == name {
			return true
		}
	}
	return false
}

// exitNamed finds the exit whose name is exactly these words, ignoring case
// and a leading article ("the gate"), and returns it as Scope.Exits has it.
func exitNamed(scope *Scope, toks []token) (string, bool) {
	toks = stripArticles(toks)
	if len(toks) == 0 {
		return "", false
	}
	if len(toks) == 1 {
		if d, ok := direction(toks[0].w); ok {
			return d, true
		}
	}
	for _, e := range scope.Exits {
		if wordsEqual(e, toks) {
			return e, true
		}
	}
	return "", false
}
