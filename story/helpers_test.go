package story

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// validFS copies testdata/valid into a MapFS under "demo/", so each case can
// break one thing in an otherwise good story.
func validFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("testdata/valid")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m["demo/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// loadWith loads the valid story with files replaced or added (paths
// relative to the story folder; an empty text deletes the file).
func loadWith(t testing.TB, files map[string]string) (*Story, error) {
	t.Helper()
	m := validFS(t)
	for p, text := range files {
		if text == "" {
			delete(m, "demo/"+p)
			continue
		}
		m["demo/"+p] = &fstest.MapFile{Data: []byte(text)}
	}
	return Load(m, "demo")
}

// problemsOf returns the problem lines of err, failing unless err is a
// *Problems.
func problemsOf(t testing.TB, err error) []string {
	t.Helper()
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want *Problems, got %T: %v", err, err)
	}
	return strings.Split(ps.Error(), "\n")
}
