package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/store"
)

// tale admin create NAME reads the password as one line from a
// non-terminal stdin, creates the first admin, and refuses a second.
func TestAdminCreateMakesTheFirstAdminOnce(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run([]string{"tale", "--data-dir", dir, "admin", "create", "merlin"}, strings.NewReader("correct horse\n"), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "Created the admin account merlin") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	st, err := store.OpenSQLite(context.Background(), dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := account.New(st, account.Config{}).Login(context.Background(), "merlin", "correct horse", "127.0.0.1")
	st.Close()
	if err != nil || l.Account.Role != account.Admin {
		t.Fatalf("login as the new admin: %v %+v", err, l.Account)
	}
	out.Reset()
	errOut.Reset()
	code = run([]string{"tale", "--data-dir", dir, "admin", "create", "morgana"}, strings.NewReader("correct horse\n"), &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "An account exists already") {
		t.Fatalf("a second first admin: exit %d, stderr %q", code, errOut.String())
	}
	code = run([]string{"tale", "--data-dir", t.TempDir(), "admin", "create", "merlin"}, strings.NewReader("short\n"), &out, &errOut)
	if code != 2 {
		t.Fatalf("a short password: exit %d, stderr %q", code, errOut.String())
	}
}

// One tale per data dir: a second one is refused with a sentence that
// says why and what to do.
func TestDataDirLockRefusesASecondProcess(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDataDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"tale", "--data-dir", dir, "admin", "create", "merlin"}, strings.NewReader("correct horse\n"), &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "another tale is serving from") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	unlock()
	if code := run([]string{"tale", "--data-dir", dir, "admin", "create", "merlin"}, strings.NewReader("correct horse\n"), &out, &errOut); code != 0 {
		t.Fatalf("after unlock: exit %d, stderr %q", code, errOut.String())
	}
}
