package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// cli v2 asks a flag for its names many times at start: IsSet, called for
// every flag after parsing (runFlagActions), walks the flags asking each
// for its Names until it finds the one it wants, and every Names call
// runs a regexp over every name (FlagNames strips v1's "name, n" form).
// With the 38 top-level flags that was a quadratic 900 or so regexp runs,
// 7 % of `tale --plain`'s start.
//
// Each flag is therefore wrapped in a type that embeds it, so every method
// and every interface cli asks for (ActionableFlag, DocGenerationFlag,
// VisibleFlag, ...) is the flag's own, and only Names answers from a list
// made once. Help, parsing and errors are cli's, unchanged. cli compares a
// flag's concrete type in two places only: hidden bool flags in shell
// completion, which tale neither offers nor has, and fish completion,
// which tale does not generate (TestCachedFlagNamesAreCliNames).

// cachedNames wraps each flag so that its Names are computed once.
func cachedNames(flags []cli.Flag) []cli.Flag {
	out := make([]cli.Flag, len(flags))
	for i, f := range flags {
		out[i] = cachedFlag(f)
	}
	return out
}

func cachedFlag(f cli.Flag) cli.Flag {
	switch f := f.(type) {
	case *cli.StringFlag:
		return &stringFlag{f, names(f.Name, f.Aliases)}
	case *cli.BoolFlag:
		return &boolFlag{f, names(f.Name, f.Aliases)}
	case *cli.IntFlag:
		return &intFlag{f, names(f.Name, f.Aliases)}
	case *cli.Int64Flag:
		return &int64Flag{f, names(f.Name, f.Aliases)}
	case *cli.Uint64Flag:
		return &uint64Flag{f, names(f.Name, f.Aliases)}
	case *cli.Float64Flag:
		return &float64Flag{f, names(f.Name, f.Aliases)}
	case *cli.DurationFlag:
		return &durationFlag{f, names(f.Name, f.Aliases)}
	case *cli.StringSliceFlag:
		return &stringSliceFlag{f, names(f.Name, f.Aliases)}
	}
	panic(fmt.Sprintf("cachedFlag: no wrapper for %T; add one", f))
}

// names is what cli.FlagNames returns for a name and aliases without the
// commas and spaces it strips, without its regexp.
func names(name string, aliases []string) []string {
	return append([]string{name}, aliases...)
}

type stringFlag struct {
	*cli.StringFlag
	names []string
}

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

type intFlag struct {
	*cli.IntFlag
	names []string
}

type int64Flag struct {
	*cli.Int64Flag
	names []string
}

type uint64Flag struct {
	*cli.Uint64Flag
	names []string
}

type float64Flag struct {
	*cli.Float64Flag
	names []string
}

type durationFlag struct {
	*cli.DurationFlag
	names []string
}

type stringSliceFlag struct {
	*cli.StringSliceFlag
	names []string
}

func (f *stringFlag) Names() []string      { return f.names }
func (f *boolFlag) Names() []string        { return f.names }
func (f *intFlag) Names() []string         { return f.names }
func (f *int64Flag) Names() []string       { return f.names }
func (f *uint64Flag) Names() []string      { return f.names }
func (f *float64Flag) Names() []string     { return f.names }
func (f *durationFlag) Names() []string    { return f.names }
func (f *stringSliceFlag) Names() []string { return f.names }
