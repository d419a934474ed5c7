package main

import (
	"io"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// givenFlags must say what c.IsSet says for every name of every flag: a
// flag given by its name, by its alias, through its environment variable,
// or not at all.
func TestGivenFlagsIsWhatIsSetSays(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
	}{
		{args: []string{"--plain", "--game", "demo", "--seed", "1"}},
		{args: []string{"-g", "demo", "--web", "--websocket", "--max-conns=5"}},
		{args: []string{"--llm-url", "http://127.0.0.1:1/v1"}, env: map[string]string{"TALE_SEED": "7", "TALE_WEBSOCKET": "1"}},
		{env: map[string]string{"TALE_GAME": "demo", "TALE_LLM_TIMEOUT": "3s"}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			app := newApp(strings.NewReader(""), io.Discard, io.Discard)
			checked := 0
			app.Action = func(c *cli.Context) error {
				given := givenFlags(c)
				for _, f := range c.App.Flags {
					for _, name := range f.Names() {
						checked++
						if given[name] != c.IsSet(name) {
							t.Errorf("env %v: given[%q] = %v, c.IsSet = %v", tc.env, name, given[name], c.IsSet(name))
						}
					}
				}
				return nil
			}
			if err := app.Run(append([]string{"tale"}, tc.args...)); err != nil {
				t.Fatal(err)
			}
			if checked == 0 {
				t.Fatal("the app's action never ran")
			}
		})
	}
}
