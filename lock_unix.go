//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockFileName is the lock that keeps a second tale off a data dir: two
// processes appending to one game's journal would fence each other out
// (store.ErrConflict) turn after turn.
const lockFileName = "tale.lock"

// lockDataDir takes the data dir for this process, or says which process
// has it. The kernel drops the lock when the process ends, kill -9
// included, so a crash never leaves a stale lock behind.
func lockDataDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data dir: %w", err)
	}
	path := filepath.Join(dir, lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, usagef("another tale is serving from %s (it holds %s); run one tale per data dir, or give this one its own --data-dir", dir, path)
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return func() { f.Close() }, nil
}
