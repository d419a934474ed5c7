// Package goldenflag defines the -update test flag once for the whole
// module. `go test ./... -update` regenerates every golden file, and Go
// refuses a flag that a package's test binary does not define, so every
// package with tests imports this one (a blank import where it has no
// golden files of its own). tio/tui gets the same flag from teatest's
// golden package instead; importing this there would define it twice.
package goldenflag

import "flag"

// Update says golden files should be rewritten with the output the tests
// produce now, instead of compared with it.
var Update = flag.Bool("update", false, "rewrite golden files with the current output")
