package indicator

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/framework"
)

// organization reads one organisation; nil when there is none.
func organizationByID(ctx context.Context, db bun.IDB, id uuid.UUID) (*organization, error) {
	var o organization
	err := db.NewSelect().Table("organizations").Column("id", "name", "region_code", "kind").Where("id = ?", id).Scan(ctx, &o)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &o, err
}

// regionOrganizations lists the organisations of a region.
func regionOrganizations(ctx context.Context, db bun.IDB, code string) ([]organization, error) {
	var out []organization
	err := db.NewSelect().Table("organizations").Column("id", "name", "region_code", "kind").
		Where("region_code = ?", code).OrderExpr("name, id").Scan(ctx, &out)
	return out, err
}

// workers lists the active people with the worker role employed by some organisations.
func workers(ctx context.Context, db bun.IDB, orgs []uuid.UUID) ([]worker, error) {
	var out []worker
	err := db.NewSelect().TableExpr("users AS u").ColumnExpr("u.id, u.organization_id").
		Where("u.organization_id IN (?)", bun.In(orgs)).Where("u.active").
		Where("EXISTS (SELECT 1 FROM role_assignments AS ra WHERE ra.user_id = u.id AND ra.role = 'worker')").
		OrderExpr("u.id").Scan(ctx, &out)
	return out, err
}

// agreedBetween is who of some people had an assessment agreed at or after from and before to.
func agreedBetween(ctx context.Context, db bun.IDB, ids []uuid.UUID, from, to time.Time) (map[uuid.UUID]bool, error) {
	return personSet(ctx, db.NewSelect().TableExpr("assessments AS a").ColumnExpr("DISTINCT a.person_id").
		Where("a.person_id IN (?)", bun.In(ids)).Where("a.state = 'agreed'").
		Where("a.agreed_at >= ? AND a.agreed_at < ?", from, to))
}

// approvedOn is who of some people has a plan that was approved (and may since have been closed) whose period
// includes a day.
func approvedOn(ctx context.Context, db bun.IDB, ids []uuid.UUID, day string) (map[uuid.UUID]bool, error) {
	return personSet(ctx, db.NewSelect().TableExpr("plans AS p").ColumnExpr("DISTINCT p.person_id").
		Where("p.person_id IN (?)", bun.In(ids)).Where("p.state IN ('approved', 'closed')").
		Where("p.approved_at IS NOT NULL").Where("p.period_start <= ? AND p.period_end >= ?", day, day))
}

func personSet(ctx context.Context, q *bun.SelectQuery) (map[uuid.UUID]bool, error) {
	var ids []uuid.UUID
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, err
	}
	out := map[uuid.UUID]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// fillRow is one session of a provider: its seats and how many of them confirmed registrations took.
type fillRow struct {
	ProviderID uuid.UUID `bun:"provider_id"`
	Capacity   int       `bun:"capacity"`
	Confirmed  int       `bun:"confirmed"`
}

// fills lists the sessions not cancelled that started in [from, to) of courses some organisations provide.
func fills(ctx context.Context, db bun.IDB, providers []uuid.UUID, from, to time.Time) ([]fillRow, error) {
	var out []fillRow
	err := db.NewSelect().TableExpr("training_sessions AS s").
		ColumnExpr("c.provider_id, s.capacity").
		ColumnExpr("(SELECT COUNT(*) FROM registrations AS r WHERE r.session_id = s.id AND r.status = 'confirmed') AS confirmed").
		Join("JOIN courses AS c ON c.id = s.course_id").
		Where("c.provider_id IN (?)", bun.In(providers)).Where("s.status <> 'cancelled'").
		Where("s.starts_at >= ? AND s.starts_at < ?", from, to).Scan(ctx, &out)
	return out, err
}

// supportRow is the minutes of one kind of support one person logged.
type supportRow struct {
	PersonID uuid.UUID `bun:"person_id"`
	Kind     string    `bun:"kind"`
	Minutes  int       `bun:"minutes"`
}

// supportMinutes sums the support some people logged within [from, to] by person and kind.
func supportMinutes(ctx context.Context, db bun.IDB, ids []uuid.UUID, from, to string) ([]supportRow, error) {
	var out []supportRow
	err := db.NewSelect().TableExpr("support_entries AS e").ColumnExpr("e.person_id, e.kind, SUM(e.minutes) AS minutes").
		Where("e.person_id IN (?)", bun.In(ids)).Where("e.date >= ? AND e.date <= ?", from, to).
		GroupExpr("e.person_id, e.kind").Scan(ctx, &out)
	return out, err
}

// gapRow is one person's mean gap (expected minus agreed level) over the rated competencies of one domain.
type gapRow struct {
	PersonID uuid.UUID `bun:"person_id"`
	Domain   string    `bun:"domain"`
	Gap      float64   `bun:"gap"`
}

// gapSQL takes each person's latest assessment agreed before a moment and, per domain of that assessment's
// framework version, the mean of expected minus agreed level over the competencies that have both. The expected
// level is the person's position profile of that version, the region's refinement where their region has one, as
// the heatmap (internal/assessment gridSQL) takes it.
var gapSQL = `
WITH latest AS (
    SELECT a.person_id, a.id, a.framework_id
    FROM assessments AS a
    WHERE a.person_id IN (?0) AND a.state = 'agreed' AND a.agreed_at < ?1
      AND NOT EXISTS (SELECT 1 FROM assessments AS b WHERE b.person_id = a.person_id AND b.state = 'agreed'
                      AND b.agreed_at < ?1 AND (b.agreed_at > a.agreed_at OR (b.agreed_at = a.agreed_at AND b.id > a.id)))
)
SELECT l.person_id, d.code AS domain, AVG(CAST(pl.level - r.agreed_level AS double precision)) AS gap
FROM latest AS l
JOIN users AS u ON u.id = l.person_id
LEFT JOIN organizations AS o ON o.id = u.organization_id
JOIN position_profiles AS pp ON pp.framework_id = l.framework_id AND pp.position_id = u.position_id
 AND ` + framework.ProfileForRegion("o.region_code") + `
JOIN assessment_ratings AS r ON r.assessment_id = l.id AND r.agreed_level IS NOT NULL
JOIN profile_levels AS pl ON pl.profile_id = pp.id AND pl.competency_id = r.competency_id AND pl.level IS NOT NULL
JOIN framework_items AS c ON c.framework_id = l.framework_id AND c.id = r.competency_id AND c.kind = 'competency'
JOIN framework_items AS d ON d.framework_id = c.framework_id AND d.id = c.parent_id AND d.kind = 'domain'
GROUP BY l.person_id, d.code`

// gaps runs gapSQL for some people as of a moment.
func gaps(ctx context.Context, db bun.IDB, ids []uuid.UUID, before time.Time) ([]gapRow, error) {
	var out []gapRow
	return out, db.NewRaw(gapSQL, bun.In(ids), before).Scan(ctx, &out)
}

// policedTeam is an active team whose organisation's policy sets a team supervision interval.
type policedTeam struct {
	ID             uuid.UUID `bun:"id"`
	OrganizationID uuid.UUID `bun:"organization_id"`
	Weeks          int       `bun:"team_interval_weeks"`
}

// policedTeams lists the active teams of some organisations whose policy sets a team supervision interval.
func policedTeams(ctx context.Context, db bun.IDB, orgs []uuid.UUID) ([]policedTeam, error) {
	var out []policedTeam
	err := db.NewSelect().TableExpr("teams AS t").ColumnExpr("t.id, t.organization_id, p.team_interval_weeks").
		Join("JOIN supervision_policies AS p ON p.organization_id = t.organization_id").
		Where("t.organization_id IN (?)", bun.In(orgs)).Where("t.active").Where("p.team_interval_weeks IS NOT NULL").
		OrderExpr("t.id").Scan(ctx, &out)
	return out, err
}

// teamRow is one team's member or one held team session, by team.
type teamRow struct {
	TeamID   uuid.UUID `bun:"team_id"`
	UserID   uuid.UUID `bun:"user_id"`
	StartsAt time.Time `bun:"starts_at"`
}

// teamMembers lists the members of some teams.
func teamMembers(ctx context.Context, db bun.IDB, teams []uuid.UUID) ([]teamRow, error) {
	var out []teamRow
	err := db.NewSelect().Table("team_members").Column("team_id", "user_id").Where("team_id IN (?)", bun.In(teams)).Scan(ctx, &out)
	return out, err
}

// heldTeamSessions lists the held team supervision sessions of some teams that started before a moment, in order.
func heldTeamSessions(ctx context.Context, db bun.IDB, teams []uuid.UUID, before time.Time) ([]teamRow, error) {
	var out []teamRow
	err := db.NewSelect().Table("supervision_sessions").Column("team_id", "starts_at").
		Where("team_id IN (?)", bun.In(teams)).Where("kind = 'team' AND status = 'held' AND starts_at < ?", before).
		OrderExpr("team_id, starts_at").Scan(ctx, &out)
	return out, err
}
