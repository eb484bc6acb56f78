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

func (store) item(ctx context.Context, db bun.IDB, frameworkID, id uuid.UUID) (*Item, error) {
	it := new(Item)
	err := db.NewSelect().Model(it).Where("framework_id = ? AND id = ?", frameworkID, id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return it, err
}

func (store) nextSeq(ctx context.Context, db bun.IDB, frameworkID, parentID uuid.UUID) (int, error) {
	var seq int
	err := db.NewSelect().Model((*Item)(nil)).ColumnExpr("COALESCE(MAX(seq), 0) + 1").
		Where("framework_id = ? AND parent_id = ?", frameworkID, parentID).Scan(ctx, &seq)
	return seq, err
}

func (store) codeTaken(ctx context.Context, db bun.IDB, frameworkID uuid.UUID, code string, except uuid.UUID) (bool, error) {
	return db.NewSelect().Model((*Item)(nil)).
		Where("framework_id = ? AND code = ? AND id <> ?", frameworkID, code, except).Exists(ctx)
}

func (store) saveItem(ctx context.Context, db bun.IDB, it *Item, isNew bool) error {
	if isNew {
		_, err := db.NewInsert().Model(it).Exec(ctx)
		return err
	}
	_, err := db.NewUpdate().Model(it).WherePK().
		Column("code", "name_cs", "name_en", "description_cs", "description_en", "search_text").Exec(ctx)
	return err
}

// replaceIndicators replaces the indicators of the given levels of a competency.
func (store) replaceIndicators(ctx context.Context, db bun.IDB, frameworkID, competencyID uuid.UUID, levels []int, inds []Indicator) error {
	if len(levels) == 0 {
		return nil
	}
	if _, err := db.NewDelete().Model((*Indicator)(nil)).
		Where("framework_id = ? AND competency_id = ? AND level IN (?)", frameworkID, competencyID, bun.In(levels)).Exec(ctx); err != nil {
		return err
	}
	if len(inds) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&inds).Exec(ctx)
	return err
}

func (store) childCount(ctx context.Context, db bun.IDB, frameworkID, id uuid.UUID) (int64, error) {
	return db.NewSelect().Model((*Item)(nil)).Where("framework_id = ? AND parent_id = ?", frameworkID, id).Count(ctx)
}

func (store) deleteItem(ctx context.Context, db bun.IDB, frameworkID, id uuid.UUID) error {
	if _, err := db.NewDelete().Model((*Indicator)(nil)).Where("framework_id = ? AND competency_id = ?", frameworkID, id).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewDelete().Model((*ProfileLevel)(nil)).
		Where("competency_id = ? AND profile_id IN (SELECT id FROM position_profiles WHERE framework_id = ?)", id, frameworkID).
		Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewDelete().Model((*Item)(nil)).Where("framework_id = ? AND id = ?", frameworkID, id).Exec(ctx)
	return err
}

// updateFramework writes a framework's head if nobody changed it since revision.
func (store) updateFramework(ctx context.Context, db bun.IDB, f *Framework, revision int) error {
	res, err := db.NewUpdate().Model(f).
		Column("version", "status", "title_cs", "title_en", "description_cs", "description_en", "published_on", "revision", "updated_at").
		Where("id = ? AND revision = ?", f.ID, revision).Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return errors.New("framework changed during the update") // the transaction read it; only a bug gets here
}

func (store) retireOthers(ctx context.Context, db bun.IDB, lineage, keep uuid.UUID) error {
	_, err := db.NewUpdate().Model((*Framework)(nil)).Set("status = ?", Retired).
		Where("lineage_id = ? AND id <> ? AND status = ?", lineage, keep, Published).Exec(ctx)
	return err
}

// copyTree stores draft as a copy of the source version: items, indicators, associations and profiles, in
// set-based INSERT … SELECT statements so a framework of thousands of items copies in a few statements.
func (store) copyTree(ctx context.Context, db bun.IDB, sourceID uuid.UUID, draft *Framework) error {
	if _, err := db.NewInsert().Model(draft).Exec(ctx); err != nil {
		return err
	}
	for _, stmt := range []string{
		`INSERT INTO framework_items (framework_id, id, parent_id, seq, kind, item_type, code, name_cs, name_en,
			description_cs, description_en, search_text, case_extra)
		 SELECT ?, id, parent_id, seq, kind, item_type, code, name_cs, name_en, description_cs, description_en,
			search_text, case_extra FROM framework_items WHERE framework_id = ?`,
		`INSERT INTO competency_indicators (framework_id, competency_id, level, seq, text_cs, text_en)
		 SELECT ?, competency_id, level, seq, text_cs, text_en FROM competency_indicators WHERE framework_id = ?`,
		`INSERT INTO framework_associations (framework_id, id, type, origin, destination, seq, case_extra)
		 SELECT ?, id, type, origin, destination, seq, case_extra FROM framework_associations WHERE framework_id = ?`,
	} {
		if _, err := db.ExecContext(ctx, stmt, draft.ID, sourceID); err != nil {
			return err
		}
	}
	var profiles []Profile
	if err := db.NewSelect().Model(&profiles).Where("framework_id = ?", sourceID).Scan(ctx); err != nil {
		return err
	}
	for _, p := range profiles {
		oldID := p.ID
		p.ID, p.FrameworkID, p.Revision = uuid.Must(uuid.NewV7()), draft.ID, 1
		if _, err := db.NewInsert().Model(&p).Exec(ctx); err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO profile_levels (profile_id, competency_id, level)
			SELECT ?, competency_id, level FROM profile_levels WHERE profile_id = ?`, p.ID, oldID); err != nil {
			return err
		}
	}
	return nil
}

// exactProfile finds the profile of exactly this scope (national when region is nil), for writing.
func (store) exactProfile(ctx context.Context, db bun.IDB, frameworkID, positionID uuid.UUID, region *string) (*Profile, error) {
	p := new(Profile)
	q := db.NewSelect().Model(p).Where("framework_id = ? AND position_id = ?", frameworkID, positionID)
	if region == nil {
		q = q.Where("region_code IS NULL")
	} else {
		q = q.Where("region_code = ?", *region)
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return p, err
}

// saveProfile writes a profile and replaces all its levels.
func (store) saveProfile(ctx context.Context, db bun.IDB, p *Profile, levels []ProfileLevel) error {
	if _, err := db.NewInsert().Model(p).
		On("CONFLICT (id) DO UPDATE").Set("revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by").
		Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewDelete().Model((*ProfileLevel)(nil)).Where("profile_id = ?", p.ID).Exec(ctx); err != nil {
		return err
	}
	if len(levels) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&levels).Exec(ctx)
	return err
}

// ProfileForRegion is the SQL condition that picks, among the position profiles pp of one framework version and
// position, the one a person's region uses: the region's refinement where the region has one, else the national
// profile. region is the SQL of the person's region code. The heatmap and the regional indicators both read the
// expected levels this way, so that the gaps they show agree.
func ProfileForRegion(region string) string {
	return `(pp.region_code = ` + region + `
          OR (pp.region_code IS NULL AND NOT EXISTS (
              SELECT 1 FROM position_profiles AS rp
              WHERE rp.framework_id = pp.framework_id AND rp.position_id = pp.position_id AND rp.region_code = ` + region + `)))`
}
