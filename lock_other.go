//go:build !unix

package main

// lockDataDir does nothing where flock(2) does not exist; the store's
// journal still fences a second process out of any one game.
func lockDataDir(string) (func(), error) { return func() {}, nil }
