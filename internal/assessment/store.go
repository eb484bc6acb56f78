package assessment

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

var errNotFound = errors.New("not found")

type store struct{}

func (store) insert(ctx context.Context, db bun.IDB, a *Assessment) error {
	_, err := db.NewInsert().Model(a).Exec(ctx)
	return err
}

func (store) get(ctx context.Context, db bun.IDB, id uuid.UUID) (*Assessment, error) {
	a := new(Assessment)
	err := db.NewSelect().Model(a).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return a, err
}

// open finds a person's assessment that is not agreed yet: one at a time.
func (store) open(ctx context.Context, db bun.IDB, personID uuid.UUID) (bool, error) {
	return db.NewSelect().Model((*Assessment)(nil)).Where("person_id = ? AND state <> ?", personID, Agreed).Exists(ctx)
}

func (store) ratings(ctx context.Context, db bun.IDB, ids []uuid.UUID) ([]Rating, error) {
	var out []Rating
	if len(ids) == 0 {
		return out, nil
	}
	return out, db.NewSelect().Model(&out).Where("assessment_id IN (?)", bun.In(ids)).Scan(ctx)
}

// upsertRatings writes the given columns of some ratings, inserting the competencies not rated before.
func (store) upsertRatings(ctx context.Context, db bun.IDB, rs []Rating, columns ...string) error {
	if len(rs) == 0 {
		return nil
	}
	q := db.NewInsert().Model(&rs).On("CONFLICT (assessment_id, competency_id) DO UPDATE")
	for _, c := range columns {
		q = q.Set("? = EXCLUDED.?", bun.Ident(c), bun.Ident(c))
	}
	_, err := q.Exec(ctx)
	return err
}

// update writes an assessment's head if its version is still the one the change started from.
func (store) update(ctx context.Context, db bun.IDB, a *Assessment, version int) (bool, error) {
	res, err := db.NewUpdate().Model(a).
		Column("state", "version", "reviewer_id", "submitted_at", "reviewed_at", "agreed_at", "lead_comment", "updated_at").
		Where("id = ? AND version = ?", a.ID, version).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// filter is a list's scope and filters; the policy decided the scope.
type filter struct {
	Own       uuid.UUID   // the caller: their own assessments in any state
	LedPeople []uuid.UUID // members of the teams the caller leads: their assessments once submitted
	PersonIDs []uuid.UUID // optional filter
	State     string
	AfterID   *uuid.UUID
	Limit     int
}

func (store) list(ctx context.Context, db bun.IDB, f filter) ([]Assessment, error) {
	var out []Assessment
	q := db.NewSelect().Model(&out).OrderExpr("a.id DESC").Limit(int64(f.Limit + 1))
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("a.person_id = ?", f.Own)
		if len(f.LedPeople) > 0 {
			q = q.WhereOr("(a.person_id IN (?) AND a.state <> ?)", bun.In(f.LedPeople), Draft)
		}
		return q
	})
	if f.PersonIDs != nil {
		q = q.Where("a.person_id IN (?)", bun.In(append(f.PersonIDs, uuid.Nil)))
	}
	if f.State != "" {
		q = q.Where("a.state = ?", f.State)
	}
	if f.AfterID != nil {
		q = q.Where("a.id < ?", *f.AfterID)
	}
	return out, q.Scan(ctx)
}
