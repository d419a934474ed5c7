package remote

import (
	"os"
	"path/filepath"
	"testing"
)

// A login is kept per server: another server (another port, or http for
// the same ws address) finds its own or none, and Remove forgets one only.
func TestLoginsArePerServer(t *testing.T) {
	l := Logins{Dir: filepath.Join(t.TempDir(), "logins")}
	if err := l.Save("ws://127.0.0.1:8180/tale/ws", "alice", "tok-a"); err != nil {
		t.Fatal(err)
	}
	if err := l.Save("ws://127.0.0.1:8181", "bob", "tok-b"); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := l.Load("http://127.0.0.1:8180"); !ok || got.Name != "alice" || got.Token != "tok-a" {
		t.Errorf("the same server by another spelling: %+v %v", got, ok)
	}
	if _, ok, _ := l.Load("ws://127.0.0.2:8180/tale/ws"); ok {
		t.Error("another server found alice's login")
	}
	fi, err := os.Stat(l.Dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the logins folder: %v %v, want 0700", fi.Mode().Perm(), err)
	}
	if err := l.Remove("ws://127.0.0.1:8180/tale/ws"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := l.Load("ws://127.0.0.1:8180/tale/ws"); ok {
		t.Error("a removed login is still kept")
	}
	if got, ok, _ := l.Load("ws://127.0.0.1:8181/tale/ws"); !ok || got.Name != "bob" {
		t.Error("removing one server's login removed another's")
	}
	if err := l.Remove("ws://127.0.0.1:8180/tale/ws"); err != nil {
		t.Errorf("removing a login twice: %v", err)
	}
}
