package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/host"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/web"
)

// serveMUD serves the story's shared world to every connection, each seat
// its own player, with the accounts of the store in the data dir: a
// logged-in player joins under the account's name as its kept character,
// admins have the @ commands. The world is durable (host.OpenWorld): it is
// journaled in the store and rebuilt from it at start, so a restart, even
// a kill -9, loses nothing acknowledged. dopts are play's driver options
// (logger, quotas, narrator); OpenWorld sets the mode, seed and journal.
func serveMUD(ctx context.Context, o options, loaded loadedStory, dopts driver.Options, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := driver.Offers(loaded.story, driver.ModeMUD); err != nil {
		return usagef("%v", err) // before anything is locked, opened or asked
	}
	st, accounts, closeStore, err := openServerStore(ctx, o, stdin, stdout, stderr)
	if err != nil {
		return err
	}
	defer closeStore()
	dopts.Hosted = true
	world, err := host.OpenWorld(ctx, host.WorldOptions{Store: st, Story: loaded.story, Logger: dopts.Logger, Driver: dopts})
	if err != nil {
		return fmt.Errorf("cannot open the world of %s: %w", loaded.story.ID, err)
	}
	// The world outlives the signal until the web server has told every
	// client it is going away (as play does for a world of its own).
	worldCtx, stopWorld := context.WithCancel(context.WithoutCancel(ctx))
	worldDone := make(chan struct{})
	go func() {
		defer close(worldDone)
		if err := world.Run(worldCtx); err != nil && !errors.Is(err, context.Canceled) {
			slog.Error("the world's loop failed", "err", err)
		}
	}()
	defer func() { stopWorld(); <-worldDone }()
	cfg := webConfig(o, loaded)
	cfg.Health, cfg.Stdout = loopHealth(world.World), stdout
	srv, err := web.NewMUDWithAccounts(mudWorld{world, st, loaded}, web.Hosting{
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
	w      *host.World
	st     *store.Store
	loaded loadedStory
}

// Join seats the account of that name as its kept character (the web lets
// no guest take an account's name), anyone else as a guest.
func (m mudWorld) Join(ctx context.Context, name string) (web.Player, error) {
	var seat driver.Seat
	a, err := m.st.AccountByName(ctx, strings.ToLower(name))
	switch {
	case err == nil:
		seat, err = m.w.JoinAccount(ctx, a.ID, name)
	case errors.Is(err, store.ErrNotFound):
		seat, err = m.w.Join(ctx, name)
	}
	if errors.Is(err, driver.ErrNameTaken) {
		return nil, web.ErrNameTaken
	}
	if err != nil {
		return nil, err
	}
	return seat, nil
}

// Reseat gives a guest's browser its player back after a restart
// (web.Reseater): only a player in the world, never a new one.
func (m mudWorld) Reseat(ctx context.Context, name string) (web.Player, error) {
	seat, err := m.w.Reseat(ctx, name)
	if err != nil {
		return nil, err
	}
	return seat, nil
}

func (m mudWorld) Info() tio.StoryInfo { return driver.StoryInfo(m.loaded.story, driver.ModeMUD) }
