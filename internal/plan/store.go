package plan

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
)

var errNotFound = errors.New("not found")

type store struct{}

// overdue is the one definition of a late action (x: plan_actions, p: its plan): the plan is approved, the
// action is not done, and its day is before today (the argument).
const overdue = "p.state = 'approved' AND x.done_at IS NULL AND x.due_on < ?"

// plans selects plans with the person's name and the count of overdue actions, all in the one query.
func (store) plans(db bun.IDB, out *[]Plan, today database.Date) *bun.SelectQuery {
	return db.NewSelect().Model(out).ColumnExpr("p.*").ColumnExpr("u.name AS person_name").
		ColumnExpr("(SELECT count(*) FROM plan_actions AS x WHERE x.plan_id = p.id AND "+overdue+") AS overdue_actions", today).
		Join("JOIN users AS u ON u.id = p.person_id")
}

func (s store) get(ctx context.Context, db bun.IDB, id uuid.UUID, today database.Date) (*Plan, error) {
	var out []Plan
	if err := s.plans(db, &out, today).Where("p.id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNotFound
	}
	return &out[0], nil
}

func (store) insert(ctx context.Context, db bun.IDB, p *Plan) error {
	_, err := db.NewInsert().Model(p).Exec(ctx)
	return err
}

// update writes a plan's head if its version is still the one the change started from.
func (store) update(ctx context.Context, db bun.IDB, p *Plan, version int) (bool, error) {
	res, err := db.NewUpdate().Model(p).
		Column("period_start", "period_end", "state", "version", "note", "lead_comment", "approved_by", "approved_at",
			"evaluation", "closed_at", "updated_at").
		Where("id = ? AND version = ?", p.ID, version).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// lockPerson makes changes to one person's plans take turns, so two plans for overlapping periods cannot both
// pass the overlap check. SQLite needs nothing: every transaction takes the write lock at BEGIN.
func (store) lockPerson(ctx context.Context, db bun.IDB, personID uuid.UUID) error {
	if db.Dialect().Name() != dialect.PG {
		return nil
	}
	_, err := db.NewRaw("SELECT pg_advisory_xact_lock(hashtext('plans'), hashtext(?))", personID.String()).Exec(ctx)
	return err
}

// overlapping finds another plan of the person whose period shares a day with start..end.
func (store) overlapping(ctx context.Context, db bun.IDB, personID, except uuid.UUID, start, end database.Date) (*Plan, error) {
	var out []Plan
	err := db.NewSelect().Model(&out).Where("person_id = ? AND id <> ? AND period_start <= ? AND period_end >= ?",
		personID, except, end, start).OrderExpr("period_start").Limit(1).Scan(ctx)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}

// goals and actions load the items of some plans in one query each, in the order the plan shows them.
func (store) goals(ctx context.Context, db bun.IDB, planIDs []uuid.UUID) ([]Goal, error) {
	out := []Goal{}
	if len(planIDs) == 0 {
		return out, nil
	}
	return out, db.NewSelect().Model(&out).Where("plan_id IN (?)", bun.In(planIDs)).OrderExpr("plan_id, id").Scan(ctx)
}

func (store) actions(ctx context.Context, db bun.IDB, planIDs []uuid.UUID, today database.Date) ([]Action, error) {
	out := []Action{}
	if len(planIDs) == 0 {
		return out, nil
	}
	return out, db.NewSelect().Model(&out).ColumnExpr("x.*").ColumnExpr("("+overdue+") AS overdue", today).
		Join("JOIN plans AS p ON p.id = x.plan_id").
		Where("x.plan_id IN (?)", bun.In(planIDs)).OrderExpr("x.plan_id, x.due_on, x.id").Scan(ctx)
}

func (store) insertItem(ctx context.Context, db bun.IDB, item any) error {
	_, err := db.NewInsert().Model(item).Exec(ctx)
	return err
}

// updateItem writes some columns of a goal or an action.
func (store) updateItem(ctx context.Context, db bun.IDB, item any, columns ...string) error {
	_, err := db.NewUpdate().Model(item).Column(columns...).WherePK().Exec(ctx)
	return err
}

func (store) deleteItem(ctx context.Context, db bun.IDB, item any) error {
	_, err := db.NewDelete().Model(item).WherePK().Exec(ctx)
	return err
}

// filter is a list's reach (the policy of personal records: own plans, and members' plans once proposed) and
// its filters.
type filter struct {
	directory.Reach
	State   string
	Overdue bool
	Today   database.Date
	AfterID *uuid.UUID
	Limit   int
}

func (s store) list(ctx context.Context, db bun.IDB, f filter) ([]Plan, error) {
	out := []Plan{}
	q := s.plans(db, &out, f.Today).OrderExpr("p.id DESC").Limit(int64(f.Limit + 1))
	q = f.Where(q, "p.person_id", leadSees)
	if f.State != "" {
		q = q.Where("p.state = ?", f.State)
	}
	if f.Overdue {
		q = q.Where("EXISTS (SELECT 1 FROM plan_actions AS x WHERE x.plan_id = p.id AND "+overdue+")", f.Today)
	}
	if f.AfterID != nil {
		q = q.Where("p.id < ?", *f.AfterID)
	}
	return out, q.Scan(ctx)
}

// personOf reads whose plan it is: a plan's person never changes.
func (store) personOf(ctx context.Context, db bun.IDB, id uuid.UUID) (uuid.UUID, error) {
	var people []uuid.UUID
	err := db.NewSelect().Model((*Plan)(nil)).Column("person_id").Where("id = ?", id).Scan(ctx, &people)
	if err == nil && len(people) == 0 {
		err = errNotFound
	}
	if err != nil {
		return uuid.Nil, err
	}
	return people[0], nil
}
