package framework

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

var errNotFound = errors.New("not found")

type store struct{}

func (store) framework(ctx context.Context, db bun.IDB, id uuid.UUID) (*Framework, error) {
	f := new(Framework)
	err := db.NewSelect().Model(f).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return f, err
}

// frameworks lists versions, newest first within a lineage; drafts only when asked for.
func (store) frameworks(ctx context.Context, db bun.IDB, withDrafts bool) ([]Framework, error) {
	var out []Framework
	q := db.NewSelect().Model(&out).OrderExpr("f.title_cs, f.lineage_id, f.created_at DESC")
	if !withDrafts {
		q = q.Where("f.status <> ?", Draft)
	}
	return out, q.Scan(ctx)
}

// insertTree writes a whole framework; callers run it in a transaction, so a framework is stored whole or not.
func (store) insertTree(ctx context.Context, db bun.IDB, f *Framework, items []Item, inds []Indicator, assocs []Association) error {
	if _, err := db.NewInsert().Model(f).Exec(ctx); err != nil {
		return err
	}
	// Batches keep each statement under SQLite's and PostgreSQL's parameter limits for thousands of rows.
	for _, batch := range chunks(len(items), 500) {
		rows := items[batch[0]:batch[1]]
		if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return err
		}
	}
	for _, batch := range chunks(len(inds), 500) {
		rows := inds[batch[0]:batch[1]]
		if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return err
		}
	}
	for _, batch := range chunks(len(assocs), 500) {
		rows := assocs[batch[0]:batch[1]]
		if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}

func (store) items(ctx context.Context, db bun.IDB, frameworkID uuid.UUID) ([]Item, error) {
	var out []Item
	return out, db.NewSelect().Model(&out).Where("framework_id = ?", frameworkID).OrderExpr("seq, code").Scan(ctx)
}

func (store) indicators(ctx context.Context, db bun.IDB, frameworkID uuid.UUID) ([]Indicator, error) {
	var out []Indicator
	return out, db.NewSelect().Model(&out).Where("framework_id = ?", frameworkID).OrderExpr("competency_id, level, seq").Scan(ctx)
}

func (store) associations(ctx context.Context, db bun.IDB, frameworkID uuid.UUID) ([]Association, error) {
	var out []Association
	return out, db.NewSelect().Model(&out).Where("framework_id = ?", frameworkID).OrderExpr("seq, id").Scan(ctx)
}

// profile finds the profile of a position in a framework: the region's refinement when asked and present,
// else the national one.
func (store) profile(ctx context.Context, db bun.IDB, frameworkID, positionID uuid.UUID, region string) (*Profile, error) {
	var out []Profile
	q := db.NewSelect().Model(&out).Where("framework_id = ? AND position_id = ?", frameworkID, positionID)
	if region != "" {
		q = q.Where("(region_code IS NULL OR region_code = ?)", region).OrderExpr("region_code IS NULL")
	} else {
		q = q.Where("region_code IS NULL")
	}
	if err := q.Limit(1).Scan(ctx); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNotFound
	}
	return &out[0], nil
}

func (store) profileLevels(ctx context.Context, db bun.IDB, profileID uuid.UUID) ([]ProfileLevel, error) {
	var out []ProfileLevel
	return out, db.NewSelect().Model(&out).Where("profile_id = ?", profileID).Scan(ctx)
}

func (store) insertProfile(ctx context.Context, db bun.IDB, p *Profile, levels []ProfileLevel) error {
	if _, err := db.NewInsert().Model(p).Exec(ctx); err != nil {
		return err
	}
	if len(levels) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&levels).Exec(ctx)
	return err
}
