package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A guest's seat is found by its token's hash until it expires, survives
// a reopen of the store, is taken over by the next guest of the same name
// (the earlier token finds nothing), and is purged once expired.
func TestGuestSeats(t *testing.T) {
	s, dir := openTest(t)
	ctx := context.Background()
	t0 := time.UnixMilli(1_700_000_000_000)
	seat := GuestSeat{World: "demo", Name: "zed", TokenHash: []byte("hash-1"), Created: t0, Expires: t0.Add(time.Hour)}
	if err := s.PutGuestSeat(ctx, seat); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir)
	if g, err := s.GuestSeatByToken(ctx, "demo", []byte("hash-1"), t0); err != nil || g.Name != "zed" || !g.Expires.Equal(seat.Expires) {
		t.Fatalf("after a reopen: %+v %v", g, err)
	}
	if _, err := s.GuestSeatByToken(ctx, "other", []byte("hash-1"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("another world found the seat: %v", err)
	}
	if _, err := s.GuestSeatByToken(ctx, "demo", []byte("hash-1"), t0.Add(time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("an expired seat was found: %v", err)
	}
	next := seat
	next.TokenHash = []byte("hash-2")
	if err := s.PutGuestSeat(ctx, next); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GuestSeatByToken(ctx, "demo", []byte("hash-1"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("the name's earlier guest still finds its seat: %v", err)
	}
	if g, err := s.GuestSeatByToken(ctx, "demo", []byte("hash-2"), t0); err != nil || g.Name != "zed" {
		t.Errorf("the name's newest guest: %+v %v", g, err)
	}
	if _, _, err := s.PurgeExpired(ctx, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM guest_seats`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d guest seats after the purge (%v), want 0", n, err)
	}
}
