package story

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// yaml.v3 checks unknown fields only in Unmarshal with KnownFields, and
// loses that strictness inside custom unmarshalers and Node.Decode; it also
// stops at the first type error. Authors need every mistake, each with its
// line, so this decoder walks the yaml.Node tree itself, fills the model by
// reflection and records where every field was written for the semantic
// checks that run later.

// budgetFor bounds the work one document may cause: aliases can make a
// small file expand into an enormous tree (the "billion laughs"). Honest
// reuse of a snippet stays far below twenty times the written size.
func budgetFor(doc *yaml.Node) int {
	n := countNodes(doc, 0)
	return min(20*n+10_000, 2_000_000)
}

func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > 10_000 {
		return 0
	}
	total := 1
	for _, c := range n.Content {
		total += countNodes(c, depth+1)
	}
	return total
}

// maxDepth bounds nesting; no honest story nests conditions this deep, and
// it keeps hostile input from exhausting the stack.
const maxDepth = 100

type decoder struct {
	file     string
	rep      *report
	record   bool // record positions; off while decoding a duplicate
	budget   int
	expanded bool // the budget ran out: what was decoded is incomplete
	active   map[*yaml.Node]bool
}

func newDecoder(file string, rep *report, doc *yaml.Node) *decoder {
	return &decoder{file: file, rep: rep, record: true, budget: budgetFor(doc), active: map[*yaml.Node]bool{}}
}

func (d *decoder) posOf(n *yaml.Node) pos {
	return pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) problem(n *yaml.Node, path, format string, args ...any) {
	d.rep.addAt(d.posOf(n), path, format, args...)
}

func (d *decoder) mark(path string, n *yaml.Node) {
	if !d.record {
		return
	}
	if _, ok := d.rep.index[path]; !ok {
		d.rep.index[path] = d.posOf(n)
	}
}

// resolve follows documents and aliases to the node that holds the value.
// Cycles (an alias inside the node it names) are caught by decode, which
// keeps track of the aliases it is inside.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for steps := 0; n != nil && steps < 8; steps++ {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		case yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// describe names a value the way an author sees it, for "cannot be …".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

type pair struct{ key, value *yaml.Node }

// pairs lists a mapping's entries in document order, reporting duplicate
// and non-scalar keys, and expanding `<<` merge keys (explicit keys win).
func (d *decoder) pairs(n *yaml.Node, path string) []pair {
	// Merges of merges can multiply work like aliases do, so they spend
	// from the same budget.
	if d.budget -= len(n.Content)/2 + 1; d.budget < 0 {
		if !d.expanded {
			d.expanded = true
			d.problem(n, path, "the file expands to too many values (aliases nested too deep?)")
		}
		return nil
	}
	var out []pair
	seen := map[string]*yaml.Node{}
	var merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode {
			k = d.resolve(k)
			if k == nil {
				continue
			}
		}
		if k.Kind != yaml.ScalarNode {
			d.problem(k, path, "a key must be a plain name, not %s", describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			merged = append(merged, d.mergePairs(v, path)...)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.problem(k, join(path, k.Value), "is defined twice in this mapping (first at line %d)", first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, pair{k, v})
	}
	for _, p := range merged {
		if _, dup := seen[p.key.Value]; !dup {
			seen[p.key.Value] = p.key
			out = append(out, p)
		}
	}
	return out
}

func (d *decoder) mergePairs(v *yaml.Node, path string) []pair {
	if v.Kind == yaml.AliasNode {
		if d.active[v] {
			return nil
		}
		d.active[v] = true
		defer delete(d.active, v)
	}
	r := d.resolve(v)
	if r == nil {
		return nil
	}
	switch r.Kind {
	case yaml.MappingNode:
		return d.pairs(r, path)
	case yaml.SequenceNode:
		var out []pair
		for _, e := range r.Content {
			out = append(out, d.mergePairs(e, path)...)
		}
		return out
	}
	d.problem(v, path, "<< must merge a mapping, not %s", describe(r))
	return nil
}

// decode fills v from n. at is where problems are placed: the key of the
// entry when there is one, since that is what an author looks for.
func (d *decoder) decode(at, n *yaml.Node, v reflect.Value, path string, depth int) {
	if at == nil {
		at = n
	}
	if d.budget--; d.budget < 0 {
		if !d.expanded {
			d.expanded = true
			d.problem(at, path, "the file expands to too many values (aliases nested too deep?)")
		}
		return
	}
	if depth > maxDepth {
		d.problem(at, path, "is nested too deeply")
		return
	}
	if n.Kind == yaml.AliasNode {
		if d.active[n] {
			d.problem(at, path, "alias *%s refers to itself", n.Value)
			return
		}
		d.active[n] = true
		defer delete(d.active, n)
	}
	n = d.resolve(n)
	if n == nil {
		return
	}
	d.mark(path, at)
	if isNull(n) {
		return
	}

	if v.Type() == reflect.TypeOf(Exit{}) && n.Kind == yaml.ScalarNode {
		// The shorthand `north: hall` is the commonest exit of all.
		v.Field(exitToField).SetString(n.Value)
		d.mark(join(path, "to"), at)
		return
	}

	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.decode(at, n, p.Elem(), path, depth+1)
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.problem(at, path, "cannot be %s, want text", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			d.problem(at, path, "cannot be %s, want true or false", describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		var i int64
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil || v.OverflowInt(i) {
			d.problem(at, path, "cannot be %s, want a whole number", describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Uint64:
		var u uint64
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&u) != nil {
			d.problem(at, path, "cannot be %s, want a whole number of zero or more", describe(n))
			return
		}
		v.SetUint(u)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.problem(at, path, "cannot be read: %s", trimYAML(err.Error()))
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	case reflect.Slice:
		d.decodeSlice(at, n, v, path, depth)
	case reflect.Map:
		d.decodeMap(at, n, v, path, depth, nil)
	case reflect.Struct:
		d.decodeStruct(at, n, v, path, depth)
	default:
		// Only reachable if model.go gains a field type this decoder does
		// not know; say so rather than silently dropping the value.
		d.problem(at, path, "cannot be decoded (unsupported field type %s)", v.Type())
	}
}

var exitToField = func() int {
	f, _ := reflect.TypeOf(Exit{}).FieldByName("To")
	return f.Index[0]
}()

func (d *decoder) decodeSlice(at, n *yaml.Node, v reflect.Value, path string, depth int) {
	elem := v.Type().Elem()
	if n.Kind == yaml.MappingNode && (v.Type() == reflect.TypeOf(Conditions{}) || v.Type() == reflect.TypeOf(Effects{})) {
		// A lone condition or effect may be written without the list.
		e := reflect.New(elem).Elem()
		d.decode(n, n, e, index(path, 0), depth+1)
		v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), e))
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.problem(at, path, "cannot be %s, want a list", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	for i, c := range n.Content {
		e := reflect.New(elem).Elem()
		d.decode(c, c, e, index(path, i), depth+1)
		s = reflect.Append(s, e)
	}
	v.Set(s)
}

// decodeMap fills a map keyed by name. pathKey, when set, turns a key into
// the name used in paths (exit directions are recorded under their full
// names, which is how the later checks look them up).
func (d *decoder) decodeMap(at, n *yaml.Node, v reflect.Value, path string, depth int, pathKey func(string) string) {
	if n.Kind != yaml.MappingNode {
		d.problem(at, path, "cannot be %s, want a mapping of names to values", describe(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	for _, p := range d.pairs(n, path) {
		name := p.key.Value
		pk := name
		if pathKey != nil {
			pk = pathKey(name)
		}
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(p.key, p.value, e, join(path, pk), depth+1)
		m.SetMapIndex(reflect.ValueOf(name), e)
	}
	v.Set(m)
}

type fieldInfo struct {
	name  string
	index int
}

var fieldCache sync.Map // reflect.Type → []fieldInfo

func fieldsOf(t reflect.Type) []fieldInfo {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]fieldInfo)
	}
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		out = append(out, fieldInfo{name: tag, index: i})
	}
	fieldCache.Store(t, out)
	return out
}

func (d *decoder) decodeStruct(at, n *yaml.Node, v reflect.Value, path string, depth int) {
	if n.Kind != yaml.MappingNode {
		d.problem(at, path, "cannot be %s, want a mapping of fields", describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	for _, p := range d.pairs(n, path) {
		name := p.key.Value
		fp := join(path, name)
		var fi *fieldInfo
		for i := range fields {
			if fields[i].name == name {
				fi = &fields[i]
				break
			}
		}
		if fi == nil {
			names := make([]string, len(fields))
			for i, f := range fields {
				names[i] = f.name
			}
			d.problem(p.key, fp, "unknown field %q%s", name, didYouMean(name, names)+misplaced(v.Type(), name))
			continue
		}
		fv := v.Field(fi.index)
		if v.Type() == reflect.TypeOf(Location{}) && name == "exits" {
			d.mark(fp, p.key)
			if r := d.resolve(p.value); r != nil && !isNull(r) {
				d.decodeMap(p.key, r, fv, fp, depth+1, exitPathKey)
			}
			continue
		}
		d.decode(p.key, p.value, fv, fp, depth+1)
	}
}

func exitPathKey(k string) string {
	if full, ok := NormalizeDirection(k); ok {
		return full
	}
	return k
}

// misplaced explains the unknown fields authors are likeliest to write in
// the wrong place.
func misplaced(t reflect.Type, name string) string {
	if t == reflect.TypeOf(Config{}) {
		switch name {
		case "locations", "items", "doors", "npcs", "events", "rules", "flags", "counters":
			return "; the world (" + name + ") goes in other .yaml files of the folder, story.yaml holds the configuration"
		}
	}
	return ""
}

// trimYAML drops the "yaml: " prefix that yaml.v3 puts on its errors; the
// file name already says what kind of file it is.
func trimYAML(s string) string {
	return strings.TrimPrefix(s, "yaml: ")
}

func reflectValue(ptr any) reflect.Value { return reflect.ValueOf(ptr).Elem() }
