package notification

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

type store struct{}

// selectNotices reads a person's notices with the actor's name.
func (store) selectNotices(db bun.IDB, recipient uuid.UUID, rows any) *bun.SelectQuery {
	return db.NewSelect().Model(rows).ColumnExpr("n.*").ColumnExpr("u.name AS actor_name").
		Join("LEFT JOIN users AS u ON u.id = n.actor_id").Where("n.recipient_id = ?", recipient)
}

func (s store) list(ctx context.Context, db bun.IDB, recipient uuid.UUID, unread bool, after *uuid.UUID, limit int) ([]Notification, error) {
	var out []Notification
	q := s.selectNotices(db, recipient, &out).OrderExpr("n.id DESC").Limit(int64(limit + 1))
	if unread {
		q = q.Where("n.read_at IS NULL")
	}
	if after != nil {
		q = q.Where("n.id < ?", *after)
	}
	return out, q.Scan(ctx)
}

func (s store) get(ctx context.Context, db bun.IDB, recipient, id uuid.UUID) (*Notification, error) {
	n := new(Notification)
	err := s.selectNotices(db, recipient, n).Where("n.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return n, err
}

func (store) unread(ctx context.Context, db bun.IDB, recipient uuid.UUID) (int, error) {
	n, err := db.NewSelect().Model((*Notification)(nil)).Where("recipient_id = ? AND read_at IS NULL", recipient).Count(ctx)
	return int(n), err
}

// markRead marks a person's unread notices read, all of them or the ones with the given id; read ones keep
// the time they were first read.
func (store) markRead(ctx context.Context, db bun.IDB, recipient uuid.UUID, id *uuid.UUID, at time.Time) (int, error) {
	q := db.NewUpdate().Model((*Notification)(nil)).Set("read_at = ?", at).Where("recipient_id = ? AND read_at IS NULL", recipient)
	if id != nil {
		q = q.Where("id = ?", *id)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (store) preferences(ctx context.Context, db bun.IDB, userID uuid.UUID) ([]preference, error) {
	var out []preference
	return out, db.NewSelect().Model(&out).Where("user_id = ?", userID).Scan(ctx)
}

func (store) savePreferences(ctx context.Context, db bun.IDB, ps []preference) error {
	if len(ps) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&ps).On("CONFLICT (user_id, kind) DO UPDATE").Set("email = EXCLUDED.email").Exec(ctx)
	return err
}
