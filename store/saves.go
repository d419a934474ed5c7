package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Save is a named save of a player's game of a story.
type Save struct {
	Owner, Story, Name string
	Data               []byte
	Size               int64 // len(Data), kept so quota queries never read blobs
	Saved              time.Time
}

// Quota bounds what one owner keeps; a zero field is no limit.
type Quota struct {
	Count int64 // saves, across the owner's stories
	Bytes int64 // their total size
}

// Usage is what an owner keeps now.
type Usage struct {
	Count, Bytes int64
}

// SaveUsage counts an owner's saves and their bytes, across stories.
func (s *Store) SaveUsage(ctx context.Context, owner string) (Usage, error) {
	return saveUsage(ctx, s.read, owner)
}

type querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func saveUsage(ctx context.Context, q querier, owner string) (Usage, error) {
	var u Usage
	err := q.QueryRowContext(ctx, `SELECT CAST(count(*) AS BIGINT), CAST(coalesce(sum(size), 0) AS BIGINT)
		FROM saves WHERE owner = $1`, owner).Scan(&u.Count, &u.Bytes)
	return u, err
}

// PutSave writes sv, replacing a save of the same name, unless the owner's
// saves would then exceed q: then it returns ErrQuota and changes nothing.
// Replacing a save counts its new size instead of the old one.
func (s *Store) PutSave(ctx context.Context, sv Save, q Quota) error {
	sv.Size = int64(len(sv.Data))
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := saveUsage(ctx, tx, sv.Owner)
		if err != nil {
			return err
		}
		var old int64
		err = tx.QueryRowContext(ctx, `SELECT size FROM saves WHERE owner = $1 AND story = $2 AND name = $3`,
			sv.Owner, sv.Story, sv.Name).Scan(&old)
		switch {
		case err == sql.ErrNoRows:
			u.Count++
		case err != nil:
			return err
		}
		u.Bytes += sv.Size - old
		if q.Count > 0 && u.Count > q.Count {
			return fmt.Errorf("%w: %d saves is the most one player keeps", ErrQuota, q.Count)
		}
		if q.Bytes > 0 && u.Bytes > q.Bytes {
			return fmt.Errorf("%w: the saves would take %d bytes of the %d allowed", ErrQuota, u.Bytes, q.Bytes)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO saves (owner, story, name, data, size, saved_ms) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (owner, story, name) DO UPDATE SET data = excluded.data, size = excluded.size, saved_ms = excluded.saved_ms`,
			sv.Owner, sv.Story, sv.Name, sv.Data, sv.Size, ms(s.now()))
		return err
	})
}

// LoadSave returns a save with its data, or ErrNotFound.
func (s *Store) LoadSave(ctx context.Context, owner, story, name string) (Save, error) {
	sv := Save{Owner: owner, Story: story, Name: name}
	var saved int64
	err := s.read.QueryRowContext(ctx, `SELECT data, size, saved_ms FROM saves WHERE owner = $1 AND story = $2 AND name = $3`,
		owner, story, name).Scan(&sv.Data, &sv.Size, &saved)
	sv.Saved = fromMS(saved)
	return sv, notFound(err)
}

// Saves lists an owner's saves of a story by name, without their data.
func (s *Store) Saves(ctx context.Context, owner, story string) ([]Save, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, size, saved_ms FROM saves WHERE owner = $1 AND story = $2 ORDER BY name`,
		owner, story)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Save
	for rows.Next() {
		sv := Save{Owner: owner, Story: story}
		var saved int64
		if err := rows.Scan(&sv.Name, &sv.Size, &saved); err != nil {
			return nil, err
		}
		sv.Saved = fromMS(saved)
		list = append(list, sv)
	}
	return list, rows.Err()
}

// DeleteSave removes a save, or returns ErrNotFound.
func (s *Store) DeleteSave(ctx context.Context, owner, story, name string) error {
	return mustAffect(s.exec(ctx, `DELETE FROM saves WHERE owner = $1 AND story = $2 AND name = $3`, owner, story, name))
}

// AppendTranscript adds text to the owner's transcript called name,
// creating it on the first append. When the transcript would grow past
// maxBytes (0: no limit) it returns ErrQuota and appends nothing, so a
// transcript never ends in half a reply.
func (s *Store) AppendTranscript(ctx context.Context, owner, name, text string, maxBytes int64) error {
	size := int64(len(text))
	return s.tx(ctx, func(tx *sql.Tx) error {
		var have int64
		err := tx.QueryRowContext(ctx, `SELECT size FROM transcripts WHERE owner = $1 AND name = $2`, owner, name).Scan(&have)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if maxBytes > 0 && have+size > maxBytes {
			return fmt.Errorf("%w: transcript %s would pass %d bytes", ErrQuota, name, maxBytes)
		}
		now := ms(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO transcripts (owner, name, size, updated_ms) VALUES ($1, $2, $3, $4)
			ON CONFLICT (owner, name) DO UPDATE SET size = transcripts.size + excluded.size, updated_ms = excluded.updated_ms`,
			owner, name, size, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO transcript_chunks (owner, name, n, text)
			SELECT $1, $2, CAST(coalesce(max(n), 0) + 1 AS BIGINT), $3 FROM transcript_chunks WHERE owner = $1 AND name = $2`,
			owner, name, text)
		return err
	})
}

// Transcript returns the whole text of a transcript, or ErrNotFound.
func (s *Store) Transcript(ctx context.Context, owner, name string) (string, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var size int64
	if err := tx.QueryRowContext(ctx, `SELECT size FROM transcripts WHERE owner = $1 AND name = $2`, owner, name).Scan(&size); err != nil {
		return "", notFound(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT text FROM transcript_chunks WHERE owner = $1 AND name = $2 ORDER BY n`, owner, name)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	b.Grow(int(size))
	for rows.Next() {
		var chunk string
		if err := rows.Scan(&chunk); err != nil {
			return "", err
		}
		b.WriteString(chunk)
	}
	return b.String(), rows.Err()
}

// TranscriptInfo is a transcript's name and size.
type TranscriptInfo struct {
	Name    string
	Size    int64
	Updated time.Time
}

// Transcripts lists an owner's transcripts by name.
func (s *Store) Transcripts(ctx context.Context, owner string) ([]TranscriptInfo, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, size, updated_ms FROM transcripts WHERE owner = $1 ORDER BY name`, owner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []TranscriptInfo
	for rows.Next() {
		var t TranscriptInfo
		var updated int64
		if err := rows.Scan(&t.Name, &t.Size, &updated); err != nil {
			return nil, err
		}
		t.Updated = fromMS(updated)
		list = append(list, t)
	}
	return list, rows.Err()
}

// DeleteTranscript removes a transcript, or returns ErrNotFound.
func (s *Store) DeleteTranscript(ctx context.Context, owner, name string) error {
	return mustAffect(s.exec(ctx, `DELETE FROM transcripts WHERE owner = $1 AND name = $2`, owner, name))
}
