package story

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// world decodes one document of a world file.
func (l *loader) world(d *decoder, doc *yaml.Node) {
	root := d.resolve(doc)
	if root == nil || isNull(root) {
		return
	}
	if root.Kind != yaml.MappingNode {
		d.problem(root, "", "a world file holds a mapping with locations:, items:, doors:, npcs:, events:, rules:, flags: or counters:, not %s", describe(root))
		return
	}
	s := l.story
	for _, p := range d.pairs(root, "") {
		switch p.key.Value {
		case "locations":
			entries(l, d, p, "location", s.Locations, &s.Order.Locations)
		case "items":
			entries(l, d, p, "item", s.Items, &s.Order.Items)
		case "doors":
			entries(l, d, p, "door", s.Doors, &s.Order.Doors)
		case "npcs":
			entries(l, d, p, "npc", s.NPCs, &s.Order.NPCs)
		case "events":
			entries(l, d, p, "event", s.Events, &s.Order.Events)
		case "rules":
			l.rulesList(d, p)
		case "flags":
			entries(l, d, p, "flag", s.Flags, &s.Order.Flags)
		case "counters":
			entries(l, d, p, "counter", s.Counters, &s.Order.Counters)
		default:
			kinds := []string{"locations", "items", "doors", "npcs", "events", "rules", "flags", "counters"}
			hint := didYouMean(p.key.Value, kinds)
			if hint == "" {
				hint = "; a world file may hold locations, items, doors, npcs, events, rules, flags and counters"
			}
			d.problem(p.key, p.key.Value, "unknown section %q%s", p.key.Value, hint)
		}
	}
}

// entries decodes one section (locations:, items:, …) into the story,
// keeping declaration order and refusing ids already declared elsewhere.
func entries[T any](l *loader, d *decoder, p pair, kind string, into map[string]*T, order *[]string) {
	section := p.key.Value
	v := d.resolve(p.value)
	if v == nil || isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.problem(p.key, section, "cannot be %s, want a mapping of %s ids to their definitions", describe(v), kind)
		return
	}
	for _, e := range d.pairs(v, section) {
		id := e.key.Value
		path := join(section, id)
		if msg := badID(id); msg != "" {
			d.problem(e.key, path, "%s", msg)
		}
		def := new(T)
		if _, dup := into[id]; dup {
			first := l.rep.at(path)
			d.problem(e.key, path, "%s id %q is already used at %s:%d", kind, id, first.File, first.Line)
			d.record = false
			d.decode(e.key, e.value, reflectValue(def), path, 1)
			d.record = true
			continue
		}
		d.mark(path, e.key)
		d.decode(e.key, e.value, reflectValue(def), path, 1)
		into[id] = def
		*order = append(*order, id)
	}
}

func (l *loader) rulesList(d *decoder, p pair) {
	v := d.resolve(p.value)
	if v == nil || isNull(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(p.key, "rules", "cannot be %s, want a list of rules", describe(v))
		return
	}
	for _, e := range v.Content {
		r := new(Rule)
		d.decode(e, e, reflectValue(r), index("rules", l.rules), 1)
		l.rules++
		l.story.Rules = append(l.story.Rules, r)
	}
}

// badID explains why an id cannot be used, or returns "". Dots are
// refused because reveal: and hide: write "location.exit".
func badID(id string) string {
	switch {
	case id == "":
		return "an id cannot be empty"
	case id == "player" || id == "nowhere":
		return fmt.Sprintf("%q is reserved (it means the player's inventory or out of play) and cannot be an id", id)
	case strings.ContainsAny(id, ". \t\n\r"):
		return fmt.Sprintf("id %q cannot contain dots or spaces", id)
	}
	return ""
}
