package assessment

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
)

var errNotFound = errors.New("not found")

type store struct{}

func (store) insert(ctx context.Context, db bun.IDB, a *Assessment) error {
	_, err := db.NewInsert().Model(a).Exec(ctx)
	return err
}

// withPerson selects assessments with their person's name, which a lead's list and file show.
func withPerson(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("a.*, u.name AS person_name").Join("JOIN users AS u ON u.id = a.person_id")
}

func (store) get(ctx context.Context, db bun.IDB, id uuid.UUID) (*Assessment, error) {
	a := new(Assessment)
	err := withPerson(db.NewSelect().Model(a)).Where("a.id = ?", id).Scan(ctx)
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
	out := []Rating{} // an assessment with nothing rated yet has an empty list, not null
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

// filter is a list's reach (the policy's scope and the person and team filters) and its other filters.
type filter struct {
	directory.Reach
	State   string
	Due     string // overdue | soon
	Today   database.Date
	AfterID *uuid.UUID
	Limit   int
}

func (store) list(ctx context.Context, db bun.IDB, f filter) ([]Assessment, error) {
	var out []Assessment
	q := withPerson(db.NewSelect().Model(&out)).OrderExpr("a.id DESC").Limit(int64(f.Limit + 1))
	q = f.Reach.Where(q, "a.person_id", "a.state <> ?", Draft)
	if f.State != "" {
		q = q.Where("a.state = ?", f.State)
	}
	switch f.Due {
	case "overdue":
		q = q.Where("a.state <> ? AND a.due_on < ?", Agreed, f.Today)
	case "soon":
		q = q.Where("a.state <> ? AND a.due_on >= ? AND a.due_on <= ?", Agreed, f.Today, database.Date{Time: f.Today.Add(DueSoon)})
	}
	if f.AfterID != nil {
		q = q.Where("a.id < ?", *f.AfterID)
	}
	return out, q.Scan(ctx)
}

// nextDue is the day a person's next yearly assessment is due, from their last agreed one or their hiring.
func (store) nextDue(ctx context.Context, db bun.IDB, personID uuid.UUID) (database.Date, error) {
	var facts struct {
		HiredOn      *database.Date `bun:"hired_on"`
		ProbationEnd *database.Date `bun:"probation_end"`
		CreatedAt    time.Time      `bun:"created_at"`
		LastAgreed   *time.Time     `bun:"last_agreed"`
	}
	err := db.NewSelect().TableExpr("users AS u").ColumnExpr("u.hired_on, u.probation_end, u.created_at").
		ColumnExpr("(SELECT MAX(a.agreed_at) FROM assessments AS a WHERE a.person_id = u.id AND a.state = ?) AS last_agreed", Agreed).
		Where("u.id = ?", personID).Scan(ctx, &facts)
	return nextDue(facts.LastAgreed, facts.ProbationEnd, facts.HiredOn, facts.CreatedAt), err
}

// columns lists a framework version's domains and competencies in the model's order.
func (store) columns(ctx context.Context, db bun.IDB, frameworkID uuid.UUID) ([]DomainColumn, []CompetencyColumn, error) {
	domains := []DomainColumn{}
	err := db.NewSelect().Table("framework_items").Column("id", "code").
		Where("framework_id = ? AND kind = 'domain'", frameworkID).OrderExpr("seq, code").Scan(ctx, &domains)
	if err != nil {
		return nil, nil, err
	}
	competencies := []CompetencyColumn{}
	err = db.NewSelect().TableExpr("framework_items AS c").ColumnExpr("c.id, c.parent_id, c.code").
		Join("JOIN framework_items AS d ON d.framework_id = c.framework_id AND d.id = c.parent_id AND d.kind = 'domain'").
		Where("c.framework_id = ? AND c.kind = 'competency'", frameworkID).OrderExpr("d.seq, d.code, c.seq, c.code").
		Scan(ctx, &competencies)
	return domains, competencies, err
}

// gridSQL is the whole heatmap in one statement: for each active person, each competency of the framework
// version with their latest agreed level, the level their position profile expects (the region's refinement
// where their region has one, else the national profile), the gap, and the means per person × domain and per
// domain over the group, computed by window functions. It runs unchanged on PostgreSQL and SQLite.
var gridSQL = `
WITH people AS (
    SELECT u.id, u.name, u.position_id, u.hired_on, u.probation_end, u.created_at, o.region_code, pos.code AS position_code
    FROM users AS u
    LEFT JOIN organizations AS o ON o.id = u.organization_id
    LEFT JOIN positions AS pos ON pos.id = u.position_id
    WHERE u.id IN (?1) AND u.active
), latest AS (
    SELECT a.person_id, a.id, a.agreed_at
    FROM assessments AS a
    WHERE a.person_id IN (SELECT id FROM people) AND a.state = 'agreed'
      AND NOT EXISTS (SELECT 1 FROM assessments AS b WHERE b.person_id = a.person_id AND b.state = 'agreed'
                      AND (b.agreed_at > a.agreed_at OR (b.agreed_at = a.agreed_at AND b.id > a.id)))
), agreed AS (
    SELECT r.assessment_id, r.competency_id, r.agreed_level
    FROM assessment_ratings AS r
    WHERE r.assessment_id IN (SELECT id FROM latest)
), expected AS (
    SELECT p.id AS person_id, pl.competency_id, pl.level
    FROM people AS p
    JOIN position_profiles AS pp ON pp.framework_id = ?0 AND pp.position_id = p.position_id
     AND ` + framework.ProfileForRegion("p.region_code") + `
    JOIN profile_levels AS pl ON pl.profile_id = pp.id
), cells AS (
    SELECT p.id AS person_id, p.name, p.position_code, p.hired_on, p.probation_end, p.created_at,
           l.id AS assessment_id, l.agreed_at,
           c.id AS competency_id, c.parent_id AS domain_id, d.seq AS domain_seq, d.code AS domain_code, c.seq, c.code,
           ag.agreed_level, CASE WHEN ag.assessment_id IS NULL THEN 0 ELSE 1 END AS rated, ex.level AS expected,
           ex.level - ag.agreed_level AS gap
    FROM people AS p
    CROSS JOIN framework_items AS c
    JOIN framework_items AS d ON d.framework_id = c.framework_id AND d.id = c.parent_id AND d.kind = 'domain'
    LEFT JOIN latest AS l ON l.person_id = p.id
    LEFT JOIN agreed AS ag ON ag.assessment_id = l.id AND ag.competency_id = c.id
    LEFT JOIN expected AS ex ON ex.person_id = p.id AND ex.competency_id = c.id
    WHERE c.framework_id = ?0 AND c.kind = 'competency'
)
SELECT person_id, name, position_code, hired_on, probation_end, created_at, assessment_id, agreed_at,
       competency_id, domain_id, agreed_level, rated, expected, gap,
       AVG(CAST(agreed_level AS double precision)) OVER (PARTITION BY person_id, domain_id) AS agreed_mean,
       AVG(CAST(expected AS double precision)) OVER (PARTITION BY person_id, domain_id) AS expected_mean,
       AVG(CAST(gap AS double precision)) OVER (PARTITION BY person_id, domain_id) AS gap_mean,
       SUM(CASE WHEN gap > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY person_id, domain_id) AS below,
       AVG(CAST(gap AS double precision)) OVER (PARTITION BY domain_id) AS group_gap_mean
FROM cells
ORDER BY name, person_id, domain_seq, domain_code, seq, code`

// grid runs gridSQL for some people: one row per person × competency, people by name.
func (store) grid(ctx context.Context, db bun.IDB, frameworkID uuid.UUID, people []uuid.UUID) ([]gridRow, error) {
	var out []gridRow
	if len(people) == 0 {
		return out, nil
	}
	return out, db.NewRaw(gridSQL, frameworkID, bun.In(people)).Scan(ctx, &out)
}

// openOf finds the assessment a person has in progress; a draft only for the person themself.
func (store) openOf(ctx context.Context, db bun.IDB, personID uuid.UUID, withDraft bool) (*OpenRef, error) {
	var out []OpenRef
	q := db.NewSelect().Model((*Assessment)(nil)).Column("id", "state", "version").
		Where("person_id = ? AND state <> ?", personID, Agreed)
	if !withDraft {
		q = q.Where("state <> ?", Draft)
	}
	if err := q.Limit(1).Scan(ctx, &out); err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}

// history is a person's agreed assessments, oldest first, with the mean agreed level per domain of each.
func (store) history(ctx context.Context, db bun.IDB, personID uuid.UUID) ([]HistoryPoint, error) {
	var rows []struct {
		AssessmentID uuid.UUID `bun:"assessment_id"`
		AgreedAt     time.Time `bun:"agreed_at"`
		DomainLevel
	}
	err := db.NewSelect().TableExpr("assessments AS a").
		ColumnExpr("a.id AS assessment_id, a.agreed_at, c.parent_id AS domain_id").
		ColumnExpr("AVG(CAST(r.agreed_level AS double precision)) AS agreed_mean").
		Join("JOIN assessment_ratings AS r ON r.assessment_id = a.id").
		Join("JOIN framework_items AS c ON c.framework_id = a.framework_id AND c.id = r.competency_id").
		Join("JOIN framework_items AS d ON d.framework_id = c.framework_id AND d.id = c.parent_id").
		Where("a.person_id = ? AND a.state = ?", personID, Agreed).
		GroupExpr("a.id, a.agreed_at, c.parent_id, d.seq").
		OrderExpr("a.agreed_at, a.id, d.seq").Scan(ctx, &rows)
	out := []HistoryPoint{}
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].AssessmentID != r.AssessmentID {
			out = append(out, HistoryPoint{AssessmentID: r.AssessmentID, AgreedAt: r.AgreedAt, Domains: []DomainLevel{}})
		}
		r.AgreedMean = round2(r.AgreedMean)
		out[len(out)-1].Domains = append(out[len(out)-1].Domains, r.DomainLevel)
	}
	return out, err
}
