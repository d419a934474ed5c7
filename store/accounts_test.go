package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func mkAccount(t *testing.T, s *Store, name string) Account {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), Account{Name: name, PasswordHash: "h", Role: "player", Created: t0})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mkSession(t *testing.T, s *Store, accountID, token string, expires time.Time) Session {
	t.Helper()
	se, err := s.CreateSession(context.Background(), Session{AccountID: accountID, TokenHash: []byte(token), Created: t0, Expires: expires})
	if err != nil {
		t.Fatal(err)
	}
	return se
}

func TestFirstAccountOnlyOnce(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if any, err := s.HasAccounts(ctx); err != nil || any {
		t.Fatalf("HasAccounts on a new store = %v, %v", any, err)
	}
	if _, err := s.CreateFirstAccount(ctx, Account{Name: "boss", PasswordHash: "h", Role: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateFirstAccount(ctx, Account{Name: "late", PasswordHash: "h", Role: "admin"}); !errors.Is(err, ErrExists) {
		t.Errorf("a second first admin: %v, want ErrExists", err)
	}
	if _, err := s.CreateAccount(ctx, Account{Name: "boss", PasswordHash: "h", Role: "player"}); !errors.Is(err, ErrExists) {
		t.Errorf("a taken name: %v, want ErrExists", err)
	}
	if any, _ := s.HasAccounts(ctx); !any {
		t.Error("HasAccounts after the first = false")
	}
}

func TestSessionExpiresAndIsFoundByHash(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mkAccount(t, s, "ann")
	se := mkSession(t, s, a.ID, "hash-1", t0.Add(time.Hour))
	got, acc, err := s.SessionByToken(ctx, []byte("hash-1"), t0.Add(time.Minute))
	if err != nil || got.ID != se.ID || acc.Name != "ann" {
		t.Fatalf("SessionByToken = %+v %+v %v", got, acc, err)
	}
	if _, _, err := s.SessionByToken(ctx, []byte("hash-1"), t0.Add(time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("at expiry: %v, want ErrNotFound", err)
	}
	if live, _ := s.LiveSessions(ctx, "", t0.Add(2*time.Hour)); len(live) != 0 {
		t.Errorf("expired sessions listed as live: %v", live)
	}
	n, _, err := s.PurgeExpired(ctx, t0.Add(2*time.Hour))
	if err != nil || n != 1 {
		t.Errorf("PurgeExpired removed %d sessions (%v), want 1", n, err)
	}
}

func TestBanPasswordAndDeleteRevokeEverySession(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	later := t0.Add(time.Hour)
	for name, revoke := range map[string]func(id string) ([]string, error){
		"ban":      func(id string) ([]string, error) { return s.Ban(ctx, id, t0) },
		"password": func(id string) ([]string, error) { return s.SetPassword(ctx, id, "new") },
		"delete":   func(id string) ([]string, error) { return s.DeleteAccount(ctx, id) },
	} {
		a := mkAccount(t, s, "u"+name)
		other := mkAccount(t, s, "o"+name)
		s1 := mkSession(t, s, a.ID, name+"1", later)
		s2 := mkSession(t, s, a.ID, name+"2", later)
		keep := mkSession(t, s, other.ID, name+"3", later)
		ids, err := revoke(a.ID)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(sorted(ids), sorted([]string{s1.ID, s2.ID})) {
			t.Errorf("%s revoked %v, want the account's two sessions", name, ids)
		}
		live, _ := s.LiveSessions(ctx, "", t0)
		var left []string
		for _, l := range live {
			if l.AccountID == a.ID {
				left = append(left, l.ID)
			}
		}
		if len(left) != 0 {
			t.Errorf("%s left sessions %v", name, left)
		}
		if _, _, err := s.SessionByToken(ctx, []byte(name+"3"), t0); err != nil {
			t.Errorf("%s revoked another account's session %s: %v", name, keep.ID, err)
		}
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func TestBanIsRecordedAndLifted(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mkAccount(t, s, "ann")
	s.Ban(ctx, a.ID, t0)
	if got, _ := s.AccountByID(ctx, a.ID); !got.Banned.Equal(t0) {
		t.Errorf("banned at %v, want %v", got.Banned, t0)
	}
	s.Unban(ctx, a.ID)
	if got, _ := s.AccountByID(ctx, a.ID); !got.Banned.IsZero() {
		t.Errorf("still banned at %v after Unban", got.Banned)
	}
	if _, err := s.Ban(ctx, "nope", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("banning an unknown account: %v", err)
	}
}

func TestDeleteAccountTakesWhatItOwns(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := mkAccount(t, s, "ann")
	g, _ := s.CreateGame(ctx, Game{Owner: a.ID, Story: "demo", Mode: "if"})
	s.Append(ctx, g.ID, Entry{N: 1, Kind: Line, Text: "look"})
	s.PutSave(ctx, Save{Owner: a.ID, Story: "demo", Name: "x", Data: []byte("s")}, Quota{})
	s.AppendTranscript(ctx, a.ID, "t", "text", 0)
	s.PutCharacter(ctx, a.ID, "w", []byte("c"))
	if _, err := s.DeleteAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	s.read.QueryRow(`SELECT (SELECT count(*) FROM games) + (SELECT count(*) FROM journal) + (SELECT count(*) FROM saves)
		+ (SELECT count(*) FROM transcripts) + (SELECT count(*) FROM transcript_chunks) + (SELECT count(*) FROM characters)
		+ (SELECT count(*) FROM accounts)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows outlived the deleted account", n)
	}
}

func TestUpgradeGuestKeepsItsGames(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	guest, err := s.CreateGuest(ctx, Guest{TokenHash: []byte("g"), Created: t0, Expires: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := s.CreateGame(ctx, Game{Owner: guest.ID, Story: "demo", Mode: "if"})
	s.PutSave(ctx, Save{Owner: guest.ID, Story: "demo", Name: "x", Data: []byte("s")}, Quota{})
	mkAccount(t, s, "taken")
	if _, err := s.UpgradeGuest(ctx, guest.ID, Account{Name: "taken", PasswordHash: "h", Role: "player"}); !errors.Is(err, ErrExists) {
		t.Fatalf("upgrade to a taken name: %v, want ErrExists", err)
	}
	if _, err := s.GuestByToken(ctx, []byte("g"), t0); err != nil {
		t.Errorf("a failed upgrade lost the guest: %v", err)
	}
	a, err := s.UpgradeGuest(ctx, guest.ID, Account{Name: "ann", PasswordHash: "h", Role: "player"})
	if err != nil {
		t.Fatal(err)
	}
	if games, _ := s.GamesOf(ctx, a.ID, "demo"); len(games) != 1 || games[0].ID != g.ID {
		t.Errorf("the account's games: %v, want the guest's game", games)
	}
	if saves, _ := s.Saves(ctx, a.ID, "demo"); len(saves) != 1 {
		t.Errorf("the account's saves: %v", saves)
	}
	if _, err := s.GuestByToken(ctx, []byte("g"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("the upgraded guest still logs in: %v", err)
	}
}

func TestExpiredGuestsArePurgedWithTheirGames(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	old, _ := s.CreateGuest(ctx, Guest{TokenHash: []byte("old"), Created: t0, Expires: t0.Add(time.Hour)})
	fresh, _ := s.CreateGuest(ctx, Guest{TokenHash: []byte("new"), Created: t0, Expires: t0.Add(48 * time.Hour)})
	s.CreateGame(ctx, Game{Owner: old.ID, Story: "demo", Mode: "if"})
	kept, _ := s.CreateGame(ctx, Game{Owner: fresh.ID, Story: "demo", Mode: "if"})
	if _, err := s.GuestByToken(ctx, []byte("old"), t0.Add(2*time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("an expired guest: %v", err)
	}
	_, n, err := s.PurgeExpired(ctx, t0.Add(2*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("PurgeExpired removed %d guests (%v), want 1", n, err)
	}
	if games, _ := s.GamesOf(ctx, old.ID, ""); len(games) != 0 {
		t.Errorf("the expired guest's games remain: %v", games)
	}
	if _, err := s.Game(ctx, kept.ID); err != nil {
		t.Errorf("the live guest's game went too: %v", err)
	}
}
