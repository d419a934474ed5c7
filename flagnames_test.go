package main

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// A wrapped flag is the flag to cli: the names cli's own FlagNames gives,
// and every interface cli looks for implemented exactly when the flag
// implements it.
func TestCachedFlagNamesAreCliNames(t *testing.T) {
	interfaces := []reflect.Type{
		reflect.TypeFor[cli.ActionableFlag](), reflect.TypeFor[cli.RequiredFlag](),
		reflect.TypeFor[cli.DocGenerationFlag](), reflect.TypeFor[cli.DocGenerationSliceFlag](),
		reflect.TypeFor[cli.VisibleFlag](), reflect.TypeFor[cli.CategorizableFlag](),
		reflect.TypeFor[cli.Countable](), reflect.TypeFor[fmt.Stringer](),
		reflect.TypeFor[interface{ IsSliceFlag() bool }](), reflect.TypeFor[interface{ GetDestination() []string }](),
	}
	for _, f := range flags() {
		w := cachedFlag(f)
		if got, want := w.Names(), f.Names(); !reflect.DeepEqual(got, want) {
			t.Errorf("%T: names %q, cli's %q", f, got, want)
		}
		for _, it := range interfaces {
			if reflect.TypeOf(f).Implements(it) != reflect.TypeOf(w).Implements(it) {
				t.Errorf("%T implements %v: %v; wrapped: %v", f, it, reflect.TypeOf(f).Implements(it), !reflect.TypeOf(f).Implements(it))
			}
		}
	}
}

// The wrapped flags change nothing a user sees: the help page, and what a
// command line (good or bad) parses to, are those of cli's own flags.
func TestCachedFlagsParseAsCliFlags(t *testing.T) {
	runWith := func(wrap bool, args ...string) string {
		var out bytes.Buffer
		app := newApp(strings.NewReader(""), &out, &out)
		if !wrap {
			app.Flags = flags()
		}
		app.Action = func(c *cli.Context) error {
			o, err := optionsFrom(c)
			if o.seed != nil {
				fmt.Fprintf(&out, "seed %d ", *o.seed)
				o.seed = nil
			}
			fmt.Fprintf(&out, "%+v %v", o, err)
			return nil
		}
		err := app.Run(append([]string{"tale"}, args...))
		fmt.Fprintf(&out, " run: %v", err)
		return out.String()
	}
	for _, args := range [][]string{
		{"--help"},
		{"--plain", "-g", "demo", "--seed", "7", "--data-dir", "/d"},
		{"--web", "--websocket", "--max-conns=5", "--allow-origin", "https://a.example", "--allow-origin", "https://b.example", "--guest-ttl", "1h"},
		{"--llm-url", "http://127.0.0.1:1/v1", "--llm-timeout", "3s", "--hide-narration-mark"},
		{"--llm-model", "m"},
		{"--websocket"},
		{"--seed", "x"},
		{"--no-such-flag"},
	} {
		if wrapped, plain := runWith(true, args...), runWith(false, args...); wrapped != plain {
			t.Errorf("%q:\nwrapped: %s\ncli's:   %s", args, wrapped, plain)
		}
	}
}
