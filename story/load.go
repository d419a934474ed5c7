package story

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ErrNoStory is wrapped by the error for a folder that holds no story.
var ErrNoStory = errors.New("story.yaml not found")

// Load reads the story folder dir of fsys ("." for the root). Every mistake
// in the folder is returned at once as a *Problems.
func Load(fsys fs.FS, dir string) (*Story, error) {
	dir = path.Clean(dir)
	id := path.Base(dir)
	if dir == "." {
		id = ""
	}
	show := func(rel string) string { return path.Join(dir, rel) }
	return load(fsys, dir, dir, show, id)
}

// LoadDir reads the story folder at path p on disk. Problems name files as
// p/…, the way the author typed the folder.
func LoadDir(p string) (*Story, error) {
	id := filepath.Base(p)
	if abs, err := filepath.Abs(p); err == nil {
		id = filepath.Base(abs)
	}
	show := func(rel string) string { return filepath.Join(p, filepath.FromSlash(rel)) }
	return load(os.DirFS(p), ".", p, show, id)
}

// FSAssets adapts an fs.FS to AssetSource; front ends that serve images can
// reach the FS through it.
type FSAssets struct{ FS fs.FS }

// Open opens a file of the story folder.
func (a FSAssets) Open(name string) (File, error) { return a.FS.Open(name) }

type loader struct {
	fsys    fs.FS
	dir     string
	show    func(rel string) string
	rep     *report
	story   *Story
	rules   int  // rules seen so far, for paths that stay unique across files
	aborted bool // a file expanded beyond its budget
}

func load(fsys fs.FS, dir, where string, show func(string) string, id string) (*Story, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, "story.yaml"))
	if err != nil {
		return nil, fmt.Errorf("no story at %s: %w", where, ErrNoStory)
	}
	l := &loader{
		fsys: fsys, dir: dir, show: show,
		rep: newReport(show("story.yaml")),
		story: &Story{
			ID:        id,
			Locations: map[string]*Location{},
			Items:     map[string]*Item{},
			Doors:     map[string]*Door{},
			NPCs:      map[string]*NPC{},
			Events:    map[string]*TimedEvent{},
			Flags:     map[string]*Flag{},
			Counters:  map[string]*Flag{},
		},
	}
	l.rep.fromYAML = true
	l.config(data)
	for _, rel := range l.worldFiles() {
		data, err := fs.ReadFile(fsys, path.Join(dir, rel))
		if err != nil {
			l.rep.addAt(pos{File: show(rel)}, "", "cannot be read: %v", err)
			continue
		}
		file := show(rel)
		for _, doc := range parseYAML(file, data, l.rep) {
			d := newDecoder(file, l.rep, doc)
			l.world(d, doc)
			l.aborted = l.aborted || d.expanded
		}
	}
	s := l.story
	if s.ID == "" {
		s.ID = slug(s.Config.Name)
	}
	if sub, err := fs.Sub(fsys, dir); err == nil {
		s.Assets = FSAssets{FS: sub}
	}
	if l.aborted {
		// A file was cut short; checking the half-decoded world would
		// only bury the real problem under consequences of it.
		return nil, l.rep.err()
	}
	if l.rep.syntax {
		// The rest of a file with a syntax error is unread, so every id
		// declared there would be reported missing wherever it is used:
		// the syntax errors alone, until they are fixed.
		return nil, l.rep.syntaxOnly()
	}
	if s.Config.Generator != nil {
		normalize(s, l.rep)
		checkConfig(s, l.rep, false)
	} else {
		finish(s, l.rep)
		l.images()
	}
	if err := l.rep.err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (l *loader) config(data []byte) {
	file := l.show("story.yaml")
	docs := parseYAML(file, data, l.rep)
	if len(docs) > 1 {
		l.rep.addAt(pos{File: file, Line: docs[1].Line, Col: docs[1].Column}, "", "story.yaml must hold one document, not several separated by ---")
	}
	if len(docs) == 0 {
		return // checkConfig reports the missing name and start
	}
	d := newDecoder(file, l.rep, docs[0])
	if isNull(d.resolve(docs[0])) {
		// Empty: checkConfig reports the missing name and start.
		return
	}
	root := d.resolve(docs[0])
	if root == nil {
		return
	}
	d.decode(root, root, reflectValue(&l.story.Config), "", 0)
	l.aborted = l.aborted || d.expanded
}

// GeneratorDir is the subfolder of a story folder that holds a procedural
// generator's own files (catalogues, name tables); the loader skips it.
const GeneratorDir = "generator"

// TestsDir is the subfolder of a story folder that holds its test
// scripts (`tale test`); the loader skips it.
const TestsDir = "tests"

// worldFiles lists the .yaml files of the folder other than story.yaml,
// sorted by path so that declaration order never depends on the file
// system. Hidden files and folders (.git, editor droppings) are skipped.
func (l *loader) worldFiles() []string {
	var files []string
	err := fs.WalkDir(l.fsys, l.dir, func(p string, e fs.DirEntry, err error) error {
		rel := strings.TrimPrefix(strings.TrimPrefix(p, l.dir), "/")
		if l.dir == "." {
			rel = p
		}
		if err != nil {
			if rel != "" && rel != "." {
				l.rep.addAt(pos{File: l.show(rel)}, "", "cannot be read: %v", unwrapPath(err))
			}
			return nil
		}
		// A generated story's tables (generator/) are the generator's
		// to read, in its own format, not world files.
		if (rel == GeneratorDir || rel == TestsDir) && e.IsDir() {
			return fs.SkipDir
		}
		if p != l.dir && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") || rel == "story.yaml" {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		l.rep.addAt(pos{File: l.show(".")}, "", "cannot be read: %v", err)
	}
	sort.Strings(files)
	return files
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// yamlLine splits yaml.v3's "[yaml: ]line N: what" into N and what; ok is
// false for any other message, or one of several lines. (Parsed by hand:
// a regexp here was compiled at every start, for an error seldom seen.)
func yamlLine(msg string) (line int, what string, ok bool) {
	rest := strings.TrimPrefix(msg, "yaml: ")
	rest, ok = strings.CutPrefix(rest, "line ")
	if !ok {
		return 0, "", false
	}
	digits, what, ok := strings.Cut(rest, ": ")
	if !ok || digits == "" || strings.Contains(what, "\n") {
		return 0, "", false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, "", false
		}
	}
	line, _ = strconv.Atoi(digits)
	return line, what, true
}

// parseYAML splits a file into its documents, turning a syntax error into a
// problem. A syntax error ends the file: yaml.v3 cannot resume after one.
func parseYAML(file string, data []byte, rep *report) (docs []*yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on hostile input in the past; a story
		// loader must answer with a message, never crash the runtime.
		if r := recover(); r != nil {
			rep.addAt(pos{File: file, Line: 1}, "", syntaxPrefix+"cannot be read as YAML (%v)", r)
			rep.syntax = true
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			return docs
		}
		if err != nil {
			msg := trimYAML(err.Error())
			line := 1
			if n, what, ok := yamlLine(msg); ok {
				line, msg = n, what
			}
			at := pos{File: file, Line: line}
			if l, c, ok := syntaxPlace(data); ok {
				at.Line, at.Col = l, c
			}
			rep.addAt(at, "", syntaxPrefix+"%s%s", msg, syntaxHint(msg))
			rep.syntax = true
			return docs
		}
		docs = append(docs, &n)
	}
}

// slug makes an id from a story name, for folders loaded from the FS root.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "story"
	}
	return s
}

// images checks that every image named by a location exists in the folder.
func (l *loader) images() {
	for _, id := range l.story.Order.Locations {
		loc := l.story.Locations[id]
		if loc == nil || loc.Image == "" {
			continue
		}
		p := join(join("locations", id), "image")
		if !fs.ValidPath(loc.Image) {
			l.rep.add(p, "%q must be a path inside the story folder, like images/hall.png", loc.Image)
			continue
		}
		if _, err := fs.Stat(l.fsys, path.Join(l.dir, loc.Image)); err != nil {
			l.rep.add(p, "file %q not found in the story folder", loc.Image)
		}
	}
}
