// Package atomicfile writes a file so that a crash leaves the old file or
// the new one, never half of either: saves, the TUI's history, the
// narration cache and tale connect's logins all go through it.
package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the name of a file being written. What a crash left
// behind under it is garbage, which a folder's owner may sweep.
const TempPrefix = ".tmp-"

// Write writes data to path with permissions perm: a temporary file in
// the same folder (made first, with mode 0700 for the folder when perm
// keeps others out, else 0755), synced, then renamed over path, and the
// folder synced so that the rename itself survives a power cut.
func Write(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	dirPerm := os.FileMode(0o755)
	if perm&0o077 == 0 {
		dirPerm = 0o700
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, TempPrefix+"*") // 0600 until Chmod
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(perm)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not every file system syncs a folder
		d.Close()
	}
	return nil
}

// IsTemp says whether a file name is one Write was writing.
func IsTemp(name string) bool { return strings.HasPrefix(name, TempPrefix) }
