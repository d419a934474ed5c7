package story

import (
	"errors"
	"fmt"
	"sync"
)

// GeneratorFunc builds a world procedurally. base is the loaded story (its
// Config, with Config.Generator.Params, and any world files the folder
// holds); the result must be a new Story the generator owns. The same seed
// must give the same story (contract 5).
type GeneratorFunc func(base *Story, seed uint64) (*Story, error)

var (
	genMu      sync.RWMutex
	generators = map[string]GeneratorFunc{}
)

// RegisterGenerator makes a generator available to stories whose
// story.yaml says generator: {name: name}. Generators register themselves
// from an init function; registering a name twice panics, since two
// packages claiming one name is a build mistake, not a runtime condition.
func RegisterGenerator(name string, g GeneratorFunc) {
	genMu.Lock()
	defer genMu.Unlock()
	if g == nil {
		panic("story: RegisterGenerator with nil generator " + name)
	}
	if _, dup := generators[name]; dup {
		panic("story: generator " + name + " registered twice")
	}
	generators[name] = g
}

func lookupGenerator(name string) GeneratorFunc {
	genMu.RLock()
	defer genMu.RUnlock()
	return generators[name]
}

func generatorNames() []string {
	genMu.RLock()
	defer genMu.RUnlock()
	return keys(generators)
}

// Generate returns the story to play for seed: s itself when it has no
// generator, else what its generator builds, normalised and checked like a
// loaded story (problems name the file "<generated>"). Call it on the
// loaded story; a generated story keeps Config.Generator for display, so
// calling Generate on it would generate again.
func (s *Story) Generate(seed uint64) (*Story, error) {
	if s.Config.Generator == nil {
		return s, nil
	}
	name := s.Config.Generator.Name
	g := lookupGenerator(name)
	if g == nil {
		return nil, fmt.Errorf("story %s: no generator %q", s.ID, name)
	}
	out, err := g(s, seed)
	if err != nil {
		return nil, fmt.Errorf("story %s: generator %s: %w", s.ID, name, err)
	}
	if out == nil {
		return nil, errors.New("story " + s.ID + ": generator " + name + " returned no story")
	}
	if out == s {
		return nil, errors.New("story " + s.ID + ": generator " + name + " must return a new story, not its base")
	}
	if out.ID == "" {
		out.ID = s.ID
	}
	if out.Assets == nil {
		out.Assets = s.Assets
	}
	if err := Validate(out); err != nil {
		return nil, err
	}
	return out, nil
}

// Validate normalises s in place exactly as Load does (defaults, ids,
// declaration order, full direction names, the exits back: asks for) and
// then checks its meaning: references, directions, conditions and
// effects, reachability. It is for stories built in Go; every problem names
// the file "<generated>". The result is a *Problems.
func Validate(s *Story) error {
	if s == nil {
		return &Problems{List: []Problem{{File: "<generated>", Msg: "no story"}}}
	}
	rep := newReport("<generated>")
	finish(s, rep)
	return rep.err()
}

func finish(s *Story, rep *report) {
	normalize(s, rep)
	checkConfig(s, rep, true)
	checkWorld(s, rep)
}
