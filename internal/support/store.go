package support

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/plan"
)

var errNotFound = errors.New("not found")

type store struct{}

func (store) entry(ctx context.Context, db bun.IDB, id uuid.UUID) (*Entry, error) {
	var out []Entry
	if err := db.NewSelect().Model(&out).Where("s.id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNotFound
	}
	return &out[0], nil
}

func (store) insert(ctx context.Context, db bun.IDB, e *Entry) error {
	_, err := db.NewInsert().Model(e).Exec(ctx)
	return err
}

// update writes an entry if it is still at the version the worker saw.
func (store) update(ctx context.Context, db bun.IDB, e *Entry, version int) error {
	res, err := db.NewUpdate().Model(e).Column("date", "minutes", "kind", "note", "plan_action_id", "version", "updated_at").
		Where("id = ? AND version = ?", e.ID, version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, httpx.StaleVersion())
	}
	return nil
}

func (store) delete(ctx context.Context, db bun.IDB, id uuid.UUID) error {
	_, err := db.NewDelete().Model((*Entry)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// ownsAction says whether an action belongs to one of the person's plans.
func (store) ownsAction(ctx context.Context, db bun.IDB, personID, actionID uuid.UUID) (bool, error) {
	return db.NewSelect().Model((*plan.Action)(nil)).Join("JOIN plans AS p ON p.id = x.plan_id").
		Where("x.id = ? AND p.person_id = ?", actionID, personID).Exists(ctx)
}

// listCursor is where a page of the list, newest day first, ended.
type listCursor struct {
	Date string    `json:"d"`
	ID   uuid.UUID `json:"i"`
}

type filter struct {
	PersonID uuid.UUID
	From, To string
	Kind     string
	After    *listCursor
	Limit    int
}

func (store) list(ctx context.Context, db bun.IDB, f filter) ([]Entry, error) {
	out := []Entry{}
	q := db.NewSelect().Model(&out).Where("s.person_id = ?", f.PersonID).OrderExpr("s.date DESC, s.id DESC").Limit(int64(f.Limit + 1))
	if f.From != "" {
		q = q.Where("s.date >= ?", f.From)
	}
	if f.To != "" {
		q = q.Where("s.date <= ?", f.To)
	}
	if f.Kind != "" {
		q = q.Where("s.kind = ?", f.Kind)
	}
	if f.After != nil {
		q = q.Where("(s.date < ? OR (s.date = ? AND s.id < ?))", f.After.Date, f.After.Date, f.After.ID)
	}
	return out, q.Scan(ctx)
}

// minutesRow is one person's minutes of one kind; Kind is nil for a person with nothing in the year.
type minutesRow struct {
	PersonID   uuid.UUID `bun:"person_id"`
	PersonName string    `bun:"person_name"`
	Kind       *string   `bun:"kind"`
	Minutes    int       `bun:"minutes"`
}

// minutes sums the people's minutes by kind between two days, in one query; everyone asked for has a row.
func (store) minutes(ctx context.Context, db bun.IDB, people []uuid.UUID, from, to database.Date) ([]minutesRow, error) {
	var out []minutesRow
	err := db.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.id AS person_id, u.name AS person_name, s.kind, COALESCE(SUM(s.minutes), 0) AS minutes").
		Join("LEFT JOIN support_entries AS s ON s.person_id = u.id AND s.date >= ? AND s.date <= ?", from, to).
		Where("u.id IN (?)", bun.In(people)).
		GroupExpr("u.id, u.name, s.kind").OrderExpr("u.name, u.id").Scan(ctx, &out)
	return out, err
}
