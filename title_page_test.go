package main

import (
	"io"
	"maps"
	"net/http"
	"strings"
	"testing"
)

// The title page shows the story's name in the story's typography, as the
// game does, whether each visitor has a game of their own or all share a
// world.
func TestTitlePageNameIsTypeset(t *testing.T) {
	files := maps.Clone(porch)
	files["story.yaml"] = strings.Replace(files["story.yaml"], "name: Porch", "name: \"Keeper's Porch\"\nmodes: [if, mud]", 1)
	dir := writeStory(t, files)
	for _, mode := range []string{"if", "mud"} {
		t.Run(mode, func(t *testing.T) {
			srv := serve(t, "--game", dir, "--mode", mode, "--web", "--websocket", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
			resp, err := http.Get(srv.base + "/tale/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(body), "<h1>Keeper’s Porch</h1>") {
				t.Errorf("title page:\n%s\nwant the name as the game typesets it, Keeper’s Porch", body)
			}
		})
	}
}
