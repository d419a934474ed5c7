package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the database file inside the data dir; back it up with
// `sqlite3 tale.db ".backup copy.db"` or VACUUM INTO while tale runs.
const FileName = "tale.db"

// busyTimeout is how long a connection waits for another process's lock
// (a backup, a second tale by mistake) before SQLITE_BUSY: long enough for
// a checkpoint or a backup step, short enough that a reply is not held for
// long.
const busyTimeout = 5000 // milliseconds

// maxReaders bounds the reader pool: more readers than cores only queue
// in the CPU; at least 2 so one slow load never stalls the others.
var maxReaders = max(2, runtime.NumCPU())

//go:embed migrations/sqlite/*.sql
var sqliteMigrations embed.FS

// Options tune the SQLite backend.
type Options struct {
	// PowerSafe selects synchronous=FULL: every commit fsyncs the WAL, so
	// a power loss loses nothing either. The default, NORMAL, survives any
	// crash of the process (see the package doc).
	PowerSafe bool
}

// SQLite is the embedded backend: one file, FileName, in a data dir.
type SQLite struct {
	Path string
	Options
}

// OpenSQLite opens (creating if needed) dataDir/tale.db.
func OpenSQLite(ctx context.Context, dataDir string, o Options) (*Store, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	return Open(ctx, SQLite{Path: filepath.Join(dataDir, FileName), Options: o})
}

// dsn builds the connection string; the driver applies the pragmas to
// every new connection, so a pool never hands out an unconfigured one.
func (b SQLite) dsn(readOnly bool) string {
	sync := "NORMAL"
	if b.PowerSafe {
		sync = "FULL"
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+sync+")")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: b.Path}).EscapedPath() + "?" + q.Encode()
}

// Open implements Backend: one writer connection, a pool of readers.
func (b SQLite) Open(ctx context.Context) (write, read *sql.DB, err error) {
	write, err = sql.Open("sqlite", b.dsn(false))
	if err != nil {
		return nil, nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxIdleTime(0)
	// Ping makes the file and switches it to WAL before any reader opens
	// it: a query-only connection cannot change the journal mode.
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, nil, fmt.Errorf("open %s: %w", b.Path, err)
	}
	read, err = sql.Open("sqlite", b.dsn(true))
	if err != nil {
		write.Close()
		return nil, nil, err
	}
	read.SetMaxOpenConns(maxReaders)
	read.SetMaxIdleConns(maxReaders)
	return write, read, nil
}

// Migrations implements Backend.
func (SQLite) Migrations() fs.FS {
	f, err := fs.Sub(sqliteMigrations, "migrations/sqlite")
	if err != nil {
		panic(err) // the path is a constant checked by the embed directive
	}
	return f
}

// IsDuplicate implements Backend.
func (SQLite) IsDuplicate(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		return true
	}
	return false
}
