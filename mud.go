package main

import (
	"context"
	"errors"
	"io"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/web"
)

// serveMUD serves world to every connection, each seat its own player.
func serveMUD(ctx context.Context, o options, loaded loadedStory, world *driver.World, stdout io.Writer) error {
	cfg := webConfig(o, loaded)
	cfg.Health, cfg.Stdout = loopHealth(world), stdout
	srv, err := web.NewMUD(mudWorld{world, loaded}, cfg)
	if err != nil {
		return usagef("%v", err)
	}
	return srv.ListenAndServe(ctx)
}

// mudWorld is the driver's World as the web server sees one (web.World):
// web does not import the driver.
type mudWorld struct {
	w      *driver.World
	loaded loadedStory
}

func (m mudWorld) Join(ctx context.Context, name string) (web.Player, error) {
	seat, err := m.w.Join(ctx, name)
	if errors.Is(err, driver.ErrNameTaken) {
		return nil, web.ErrNameTaken
	}
	if err != nil {
		return nil, err
	}
	return seat, nil
}

func (m mudWorld) Info() tio.StoryInfo {
	c := m.loaded.story.Config
	return tio.StoryInfo{ID: m.loaded.story.ID, Name: c.Name, Author: c.Author, Version: c.Version, License: c.License, Mode: driver.ModeMUD}
}
