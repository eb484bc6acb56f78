package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

// RefreshToken is one link of a rotating chain; every token descended from one sign-in shares a FamilyID.
type RefreshToken struct {
	bun.BaseModel `bun:"table:refresh_tokens"`

	ID        uuid.UUID  `bun:"id,pk"`
	FamilyID  uuid.UUID  `bun:"family_id"`
	UserID    uuid.UUID  `bun:"user_id"`
	TokenHash string     `bun:"token_hash"`
	ExpiresAt time.Time  `bun:"expires_at"`
	UsedAt    *time.Time `bun:"used_at"`
	RevokedAt *time.Time `bun:"revoked_at"`
	CreatedAt time.Time  `bun:"created_at"`
}

type loginFailure struct {
	bun.BaseModel `bun:"table:login_failures"`

	ID  int64     `bun:"id,pk,autoincrement"`
	Key string    `bun:"key"`
	At  time.Time `bun:"at"`
}

type store struct{}

func (store) insertRefresh(ctx context.Context, db bun.IDB, t *RefreshToken) error {
	_, err := db.NewInsert().Model(t).Exec(ctx)
	return err
}

// useRefresh marks a live token used, atomically: of two requests racing with one token, only one wins.
func (store) useRefresh(ctx context.Context, db bun.IDB, hash string, now time.Time) (bool, error) {
	res, err := db.NewUpdate().Model((*RefreshToken)(nil)).
		Set("used_at = ?", now).
		Where("token_hash = ?", hash).
		Where("used_at IS NULL AND revoked_at IS NULL").
		Where("expires_at > ?", now).
		Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (store) refreshByHash(ctx context.Context, db bun.IDB, hash string) (*RefreshToken, error) {
	t := new(RefreshToken)
	err := db.NewSelect().Model(t).Where("token_hash = ?", hash).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return t, err
}

func (store) revokeFamily(ctx context.Context, db bun.IDB, family uuid.UUID, now time.Time) error {
	_, err := db.NewUpdate().Model((*RefreshToken)(nil)).
		Set("revoked_at = ?", now).
		Where("family_id = ? AND revoked_at IS NULL", family).
		Exec(ctx)
	return err
}

// failures counts recent failed sign-ins for a key and returns the oldest one's time, to compute Retry-After.
func (store) failures(ctx context.Context, db bun.IDB, key string, since time.Time) (int, time.Time, error) {
	var row struct {
		N      int
		Oldest *time.Time
	}
	err := db.NewSelect().Model((*loginFailure)(nil)).
		ColumnExpr("count(*) AS n, min(at) AS oldest").
		Where("key = ? AND at > ?", key, since).
		Scan(ctx, &row)
	if err != nil || row.Oldest == nil {
		return row.N, time.Time{}, err
	}
	return row.N, *row.Oldest, nil
}

// addFailure records a failed sign-in and drops the key's rows that fell out of the window.
func (store) addFailure(ctx context.Context, db bun.IDB, key string, now, since time.Time) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*loginFailure)(nil)).Where("key = ? AND at <= ?", key, since).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&loginFailure{Key: key, At: now}).Exec(ctx)
		return err
	})
}

func (store) clearFailures(ctx context.Context, db bun.IDB, key string) error {
	_, err := db.NewDelete().Model((*loginFailure)(nil)).Where("key = ?", key).Exec(ctx)
	return err
}
