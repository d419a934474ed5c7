package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestSaveQuotaCountsSavesAndBytesAcrossStories(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	q := Quota{Count: 2, Bytes: 10}
	put := func(story, name, data string) error {
		return s.PutSave(ctx, Save{Owner: "p", Story: story, Name: name, Data: []byte(data)}, q)
	}
	if err := put("demo", "a", "1234"); err != nil {
		t.Fatal(err)
	}
	if err := put("dungeon", "b", "1234"); err != nil {
		t.Fatal(err)
	}
	if err := put("demo", "c", "1"); !errors.Is(err, ErrQuota) {
		t.Errorf("a third save: %v, want ErrQuota", err)
	}
	if err := put("demo", "a", "123456"); err != nil {
		t.Errorf("replacing a save within the byte quota: %v", err)
	}
	if err := put("demo", "a", "1234567"); !errors.Is(err, ErrQuota) {
		t.Errorf("replacing a save past the byte quota: %v, want ErrQuota", err)
	}
	u, err := s.SaveUsage(ctx, "p")
	if err != nil || u != (Usage{Count: 2, Bytes: 10}) {
		t.Errorf("usage = %+v (%v), want 2 saves, 10 bytes", u, err)
	}
	sv, err := s.LoadSave(ctx, "p", "demo", "a")
	if err != nil || string(sv.Data) != "123456" {
		t.Errorf("LoadSave = %q (%v): a refused save changed the stored one", sv.Data, err)
	}
	if other, _ := s.SaveUsage(ctx, "q"); other != (Usage{}) {
		t.Errorf("another player's usage: %+v", other)
	}
	list, err := s.Saves(ctx, "p", "demo")
	if err != nil || len(list) != 1 || list[0].Name != "a" || list[0].Size != 6 || list[0].Data != nil {
		t.Errorf("Saves = %+v (%v)", list, err)
	}
	if err := s.DeleteSave(ctx, "p", "demo", "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadSave(ctx, "p", "demo", "a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted save: %v", err)
	}
}

func TestTranscriptStopsAtItsCapWithoutHalfAReply(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	for _, chunk := range []string{"> look\n", "A room.\n"} {
		if err := s.AppendTranscript(ctx, "p", "demo-1", chunk, 20); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AppendTranscript(ctx, "p", "demo-1", "> north\nYou go.\n", 20); !errors.Is(err, ErrQuota) {
		t.Errorf("past the cap: %v, want ErrQuota", err)
	}
	got, err := s.Transcript(ctx, "p", "demo-1")
	if err != nil || got != "> look\nA room.\n" {
		t.Errorf("transcript = %q (%v)", got, err)
	}
	list, _ := s.Transcripts(ctx, "p")
	if len(list) != 1 || list[0].Size != int64(len(got)) {
		t.Errorf("Transcripts = %+v", list)
	}
	if err := s.DeleteTranscript(ctx, "p", "demo-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Transcript(ctx, "p", "demo-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted transcript: %v", err)
	}
	var chunks int
	s.read.QueryRow(`SELECT count(*) FROM transcript_chunks`).Scan(&chunks)
	if chunks != 0 {
		t.Errorf("%d chunks outlived their transcript", chunks)
	}
	big := strings.Repeat("x", 1000)
	for range 3 {
		if err := s.AppendTranscript(ctx, "p", "nolimit", big, 0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWorldStateNeverGoesBack(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if _, _, err := s.World(ctx, "w"); !errors.Is(err, ErrNotFound) {
		t.Errorf("new world: %v", err)
	}
	if err := s.PutWorld(ctx, "w", 5, []byte("five")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutWorld(ctx, "w", 4, []byte("four")); !errors.Is(err, ErrConflict) {
		t.Errorf("an older state: %v, want ErrConflict", err)
	}
	if err := s.PutWorld(ctx, "w", 5, []byte("five again")); err != nil {
		t.Errorf("the same position again: %v", err)
	}
	data, n, err := s.World(ctx, "w")
	if err != nil || n != 5 || string(data) != "five again" {
		t.Errorf("World = %q at %d (%v)", data, n, err)
	}
}

func TestCharacterBelongsToAnAccount(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if err := s.PutCharacter(ctx, "nobody", "w", []byte("x")); err == nil {
		t.Error("a character of an unknown account was stored")
	}
	a, err := s.CreateAccount(ctx, Account{Name: "ann", PasswordHash: "h", Role: "player"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Character(ctx, a.ID, "w"); !errors.Is(err, ErrNotFound) {
		t.Errorf("first visit: %v", err)
	}
	s.PutCharacter(ctx, a.ID, "w", []byte("v1"))
	s.PutCharacter(ctx, a.ID, "w", []byte("v2"))
	if got, err := s.Character(ctx, a.ID, "w"); err != nil || string(got) != "v2" {
		t.Errorf("Character = %q (%v)", got, err)
	}
}
