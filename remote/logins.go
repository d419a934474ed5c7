package remote

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tale-if/tale/internal/atomicfile"
)

// Logins keeps one login token per server in a folder of the data dir,
// one file each, readable by its owner alone (0600 in a 0700 folder): a
// token logs its holder in until it expires or is logged out, so it is
// kept as a password would be. Each write is atomic (temporary file,
// sync, rename): a crash leaves the old login or the new, never half.
type Logins struct {
	Dir string // e.g. <data dir>/logins
}

// KeptLogin is a kept login: the server it is for, the account, the token.
type KeptLogin struct {
	Server string `json:"server"`
	Name   string `json:"name"`
	Token  string `json:"token"`
}

// path is the file of the server at rawURL: named by a hash of the
// address, so any address is a safe file name.
func (l Logins) path(rawURL string) (string, string, error) {
	base, err := ParseURL(rawURL)
	if err != nil {
		return "", "", err
	}
	server := base.String()
	sum := sha256.Sum256([]byte(server))
	return filepath.Join(l.Dir, hex.EncodeToString(sum[:12])+".json"), server, nil
}

// Load returns the login kept for the server at rawURL; ok is false when
// there is none. A file that cannot be read back is no login.
func (l Logins) Load(rawURL string) (login KeptLogin, ok bool, err error) {
	p, server, err := l.path(rawURL)
	if err != nil {
		return KeptLogin{}, false, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return KeptLogin{}, false, nil
	}
	if err != nil {
		return KeptLogin{}, false, err
	}
	if json.Unmarshal(data, &login) != nil || login.Server != server || login.Token == "" || len(login.Token) > maxToken {
		return KeptLogin{}, false, nil
	}
	return login, true, nil
}

// Save keeps name's token for the server at rawURL, replacing any other.
func (l Logins) Save(rawURL, name, token string) error {
	p, server, err := l.path(rawURL)
	if err != nil {
		return err
	}
	data, err := json.Marshal(KeptLogin{Server: server, Name: name, Token: token})
	if err != nil {
		return err
	}
	if err := atomicfile.Write(p, data, 0o600); err != nil {
		return fmt.Errorf("keeping the login: %w", err)
	}
	return nil
}

// Remove forgets the login kept for the server at rawURL; none kept is no
// error.
func (l Logins) Remove(rawURL string) error {
	p, _, err := l.path(rawURL)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
