package story

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// compiledMarker is a Compiled of the story in m as it is now, whose New
// returns a story that says it came from the compiled form (once: each
// test calls it once).
func compiledMarker(t *testing.T, m fstest.MapFS) Compiled {
	t.Helper()
	sum, err := SourceSum(m, "demo")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(m, "demo")
	if err != nil {
		t.Fatal(err)
	}
	s.ID, s.Assets = "", nil
	s.Config.Author = "compiled"
	return Compiled{Sum: sum, New: func() *Story { return s }}
}

func TestLoadCompiledTakesTheCompiledFormOfTheSameFiles(t *testing.T) {
	m := validFS(t)
	s, err := LoadCompiled(m, "demo", compiledMarker(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Author != "compiled" {
		t.Fatal("the folder was loaded from its YAML although the compiled form is of the same files")
	}
	want, err := Load(m, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != want.ID || !reflect.DeepEqual(s.Assets, want.Assets) {
		t.Errorf("ID, Assets = %q, %#v; want %q, %#v as Load sets them", s.ID, s.Assets, want.ID, want.Assets)
	}
}

func TestLoadCompiledReadsTheYAMLWhenItChanged(t *testing.T) {
	edits := map[string]func(m fstest.MapFS){
		"a world file edited": func(m fstest.MapFS) {
			f := m["demo/world/places.yaml"]
			f.Data = []byte(strings.Replace(string(f.Data), "name:", "name: Edited", 1))
		},
		"one letter changed, the length kept": func(m fstest.MapFS) {
			f := m["demo/world/places.yaml"]
			i := strings.Index(string(f.Data), "name:") + len("name:") + 2
			f.Data = append([]byte(nil), f.Data...)
			f.Data[i] ^= 0x20 // a letter's case
		},
		"a world file added": func(m fstest.MapFS) {
			m["demo/world/more.yaml"] = &fstest.MapFile{Data: []byte("flags:\n  extra: {}\n")}
		},
		"a world file renamed": func(m fstest.MapFS) {
			m["demo/world/zplaces.yaml"] = m["demo/world/places.yaml"]
			delete(m, "demo/world/places.yaml")
		},
		"story.yaml edited": func(m fstest.MapFS) {
			f := m["demo/story.yaml"]
			f.Data = append(append([]byte(nil), f.Data...), "\n# a comment\n"...)
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			m := validFS(t)
			c := compiledMarker(t, m)
			edit(m)
			got, gotErr := LoadCompiled(m, "demo", c)
			want, wantErr := Load(m, "demo")
			if gotErr != nil || wantErr != nil {
				t.Fatalf("LoadCompiled: %v; Load: %v", gotErr, wantErr)
			}
			if got.Config.Author == "compiled" || !reflect.DeepEqual(got, want) {
				t.Error("a stale compiled form was used instead of the folder as it is now")
			}
		})
	}
}

func TestLoadCompiledReportsAMissingImageAsLoadDoes(t *testing.T) {
	m := validFS(t)
	f := m["demo/world/places.yaml"]
	f.Data = []byte(strings.Replace(string(f.Data), "  shore:\n", "  shore:\n    image: images/shore.png\n", 1))
	m["demo/images/shore.png"] = &fstest.MapFile{Data: []byte("png")}
	c := compiledMarker(t, m)
	delete(m, "demo/images/shore.png")
	_, err := LoadCompiled(m, "demo", c)
	if err == nil || !strings.Contains(err.Error(), `file "images/shore.png" not found`) {
		t.Fatalf("err = %v, want Load's problem for the missing image", err)
	}
}
