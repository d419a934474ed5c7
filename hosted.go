package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/host"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/web"
)

// purgeEvery is how often expired sessions and guests (with their games)
// are deleted; they are refused as soon as they expire either way.
const purgeEvery = time.Hour

// serveHosted is `tale --web` without --shared: each visitor plays their
// own durable game of the story, kept in the SQLite store in the data dir.
// The web server stops first (every client told "going away"), then the
// games, then the store: nothing is closed under a command in flight.
func serveHosted(ctx context.Context, o options, loaded loadedStory, dopts driver.Options, logger *slog.Logger, stdin io.Reader, stdout, stderr io.Writer) error {
	st, accounts, closeStore, err := openServerStore(ctx, o, stdin, stdout, stderr)
	if err != nil {
		return err
	}
	defer closeStore()
	// One model engine for every visitor's game: its workers, budgets and
	// cache are shared; each game that loads gets a narrator of its own.
	// Deferred before the host's Close, it closes after every game.
	eng, err := openNarrationEngine(&o.narration, o.dataDir, logger)
	if err != nil {
		return err
	}
	if eng != nil {
		defer eng.Close()
	}
	games, err := host.New(host.Options{Store: st, Story: loaded.story, Driver: dopts, Logger: logger,
		Narrator: hostedNarrators(eng, loaded.story)})
	if err != nil {
		return usagef("cannot start %q: %v", o.game, err)
	}
	defer games.Close()
	cfg := webConfig(o, loaded)
	cfg.Stdout = stdout
	s := loaded.story
	srv, err := web.NewHosted(web.Hosting{
		Games: games, Accounts: accounts, Registration: o.registration == "open",
		MaxConnsPerAccount: o.maxConnsPerAccount,
		Info:               driver.StoryInfo(s, driver.ModeIF),
	}, cfg)
	if err != nil {
		return usagef("%v", err)
	}
	if o.narration.stats != nil {
		srv.ObserveNarration(o.narration.stats)
	}
	go purge(ctx, accounts, logger)
	return srv.ListenAndServe(ctx)
}

// purge deletes expired sessions and guests now and then, until ctx ends.
func purge(ctx context.Context, accounts *account.Service, logger *slog.Logger) {
	t := time.NewTicker(purgeEvery)
	defer t.Stop()
	for {
		if err := accounts.Purge(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("cannot purge expired sessions and guests", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// openServerStore takes the data dir for this process (one tale per data
// dir), opens its store and accounts, and on an empty store asks for the
// first admin. closeStore releases them in the reverse order.
func openServerStore(ctx context.Context, o options, stdin io.Reader, stdout, stderr io.Writer) (st *store.Store, accounts *account.Service, closeStore func(), err error) {
	unlock, err := lockDataDir(o.dataDir)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err = store.OpenSQLite(ctx, o.dataDir, store.Options{})
	if err != nil {
		unlock()
		return nil, nil, nil, fmt.Errorf("cannot open the store in %s: %w", o.dataDir, err)
	}
	closeStore = func() { st.Close(); unlock() }
	accounts = account.New(st, account.Config{GuestTTL: o.guestTTL})
	if err := firstStart(ctx, accounts, o, stdin, stdout, stderr); err != nil {
		closeStore()
		return nil, nil, nil, err
	}
	return st, accounts, closeStore, nil
}
