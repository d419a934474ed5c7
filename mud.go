package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/web"
)

// serveMUD serves world to every connection, each seat its own player,
// with the accounts of the store in the data dir: a logged-in player joins
// under the account's name, admins have the @ commands.
func serveMUD(ctx context.Context, o options, loaded loadedStory, world *driver.World, stdin io.Reader, stdout, stderr io.Writer) error {
	unlock, err := lockDataDir(o.dataDir)
	if err != nil {
		return err
	}
	defer unlock()
	st, err := store.OpenSQLite(ctx, o.dataDir, store.Options{})
	if err != nil {
		return fmt.Errorf("cannot open the store in %s: %w", o.dataDir, err)
	}
	defer st.Close()
	accounts := account.New(st, account.Config{GuestTTL: o.guestTTL})
	if err := firstStart(ctx, accounts, o, stdin, stdout, stderr); err != nil {
		return err
	}
	cfg := webConfig(o, loaded)
	cfg.Health, cfg.Stdout = loopHealth(world), stdout
	srv, err := web.NewMUDWithAccounts(mudWorld{world, loaded}, web.Hosting{
		Accounts: accounts, Registration: o.registration == "open", MaxConnsPerAccount: o.maxConnsPerAccount,
	}, cfg)
	if err != nil {
		return usagef("%v", err)
	}
	if o.narration.stats != nil {
		srv.ObserveNarration(o.narration.stats)
	}
	go purge(ctx, accounts, slog.Default())
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
