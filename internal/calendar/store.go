package calendar

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

type store struct{}

var errNotFound = errors.New("not found")

func (store) insert(ctx context.Context, db bun.IDB, f *Feed) error {
	_, err := db.NewInsert().Model(f).Exec(ctx)
	return err
}

// feeds lists a person's live feeds, oldest first.
func (store) feeds(ctx context.Context, db bun.IDB, personID uuid.UUID) ([]Feed, error) {
	out := []Feed{}
	err := db.NewSelect().Model(&out).Where("person_id = ? AND revoked_at IS NULL", personID).
		OrderExpr("created_at, id").Scan(ctx)
	return out, err
}

// feed reads a live feed by its id.
func (store) feed(ctx context.Context, db bun.IDB, id uuid.UUID) (*Feed, error) {
	var f Feed
	err := db.NewSelect().Model(&f).Where("id = ? AND revoked_at IS NULL", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return &f, err
}

// byHash finds a live feed by its token's hash: one lookup on the unique index, the same for a revoked token as
// for one that never existed.
func (store) byHash(ctx context.Context, db bun.IDB, hash string) (*Feed, error) {
	var f Feed
	err := db.NewSelect().Model(&f).Where("token_hash = ? AND revoked_at IS NULL", hash).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return &f, err
}

func (store) revoke(ctx context.Context, db bun.IDB, id uuid.UUID, at time.Time) error {
	_, err := db.NewUpdate().Model((*Feed)(nil)).Set("revoked_at = ?", at).Where("id = ?", id).Exec(ctx)
	return err
}

// touch records that a calendar app fetched the feed, at most once per interval: apps poll often, and a write
// on every poll would hold SQLite's write lock for nothing.
func (store) touch(ctx context.Context, db bun.IDB, id uuid.UUID, now time.Time, interval time.Duration) error {
	_, err := db.NewUpdate().Model((*Feed)(nil)).Set("last_used_at = ?", now).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, now.Add(-interval)).Exec(ctx)
	return err
}
