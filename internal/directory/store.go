package directory

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// errNotFound is the store's "no such row"; the service turns it into the right problem.
var errNotFound = errors.New("not found")

// errStale means the row exists but its version moved on.
var errStale = errors.New("stale version")

type store struct{}

func one[T any](ctx context.Context, q *bun.SelectQuery, dst *T) (*T, error) {
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return dst, err
}

// nameCursor is the keyset position of every name-sorted list.
type nameCursor struct {
	Name string    `json:"n"`
	ID   uuid.UUID `json:"i"`
}

func afterName(q *bun.SelectQuery, table string, c *nameCursor) *bun.SelectQuery {
	if c == nil {
		return q
	}
	return q.Where("(?.name > ? OR (?.name = ? AND ?.id > ?))",
		bun.Ident(table), c.Name, bun.Ident(table), c.Name, bun.Ident(table), c.ID)
}

// apply limits a list to the scope the policy gave: rows of its organisations (orgColumn) or of its teams
// (teamCondition, with one ? for the team IDs). The store only filters; the policy decided.
func (s scope) apply(q *bun.SelectQuery, orgColumn, teamCondition string) *bun.SelectQuery {
	if s.All {
		return q
	}
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("1 = 0")
		if len(s.OrgIDs) > 0 {
			q = q.WhereOr("? IN (?)", bun.Safe(orgColumn), bun.In(s.OrgIDs))
		}
		if len(s.TeamIDs) > 0 {
			q = q.WhereOr(teamCondition, bun.In(s.TeamIDs))
		}
		return q
	})
}

// updateVersioned writes the columns of a model whose version the caller read; someone else's newer write
// makes it fail with errStale instead of being overwritten.
func updateVersioned(ctx context.Context, db bun.IDB, model any, id uuid.UUID, version int, columns ...string) error {
	res, err := db.NewUpdate().Model(model).Column(columns...).
		Set("version = version + 1").
		Where("id = ? AND version = ?", id, version).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return errStale
}

// --- organisations

type orgFilter struct {
	Kind       string
	RegionCode string
	ParentID   *uuid.UUID
	Query      string
	Active     *bool
	After      *nameCursor
	Limit      int
}

func (store) insertOrg(ctx context.Context, db bun.IDB, o *Organization) error {
	_, err := db.NewInsert().Model(o).Exec(ctx)
	return err
}

func (store) org(ctx context.Context, db bun.IDB, id uuid.UUID) (*Organization, error) {
	o := new(Organization)
	return one(ctx, db.NewSelect().Model(o).Where("id = ?", id), o)
}

func (store) orgs(ctx context.Context, db bun.IDB, f orgFilter) ([]Organization, error) {
	var out []Organization
	q := db.NewSelect().Model(&out).OrderExpr("organization.name, organization.id").Limit(int64(f.Limit + 1))
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.RegionCode != "" {
		q = q.Where("region_code = ?", f.RegionCode)
	}
	if f.ParentID != nil {
		q = q.Where("parent_id = ?", *f.ParentID)
	}
	if f.Query != "" {
		q = q.Where(`(search_text LIKE ? ESCAPE '\' OR ico = ?)`, database.ContainsPattern(f.Query), f.Query)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	return out, afterName(q, "organization", f.After).Scan(ctx)
}

func (store) updateOrg(ctx context.Context, db bun.IDB, o *Organization, version int) error {
	return updateVersioned(ctx, db, o, o.ID, version,
		"kind", "name", "search_text", "ico", "parent_id", "region_code", "active", "updated_at")
}

// --- positions

func (store) positions(ctx context.Context, db bun.IDB) ([]Position, error) {
	var out []Position
	return out, db.NewSelect().Model(&out).Order("sort", "code").Scan(ctx)
}

func (store) position(ctx context.Context, db bun.IDB, id uuid.UUID) (*Position, error) {
	p := new(Position)
	return one(ctx, db.NewSelect().Model(p).Where("id = ?", id), p)
}

func (store) upsertPositions(ctx context.Context, db bun.IDB, ps []Position) error {
	_, err := db.NewInsert().Model(&ps).
		On("CONFLICT (id) DO UPDATE").
		Set("code = EXCLUDED.code, name_cs = EXCLUDED.name_cs, name_en = EXCLUDED.name_en, sort = EXCLUDED.sort").
		Exec(ctx)
	return err
}

// --- users

type userFilter struct {
	OrganizationID *uuid.UUID
	TeamID         *uuid.UUID
	Role           string
	Query          string
	Active         *bool
	Scope          scope
	After          *nameCursor
	Limit          int
}

func (store) insertUser(ctx context.Context, db bun.IDB, u *User) error {
	_, err := db.NewInsert().Model(u).Exec(ctx)
	return err
}

func (store) user(ctx context.Context, db bun.IDB, id uuid.UUID) (*User, error) {
	u := new(User)
	return one(ctx, db.NewSelect().Model(u).Where("id = ?", id), u)
}

func (store) userByEmail(ctx context.Context, db bun.IDB, email string) (*User, error) {
	u := new(User)
	return one(ctx, db.NewSelect().Model(u).Where("email = ?", email), u)
}

func (store) users(ctx context.Context, db bun.IDB, f userFilter) ([]User, error) {
	var out []User
	q := db.NewSelect().Model(&out).OrderExpr("u.name, u.id").Limit(int64(f.Limit + 1))
	if f.OrganizationID != nil {
		q = q.Where("u.organization_id = ?", *f.OrganizationID)
	}
	if f.TeamID != nil {
		q = q.Where("u.id IN (SELECT user_id FROM team_members WHERE team_id = ?)", *f.TeamID)
	}
	if f.Role != "" {
		q = q.Where("u.id IN (SELECT user_id FROM role_assignments WHERE role = ?)", f.Role)
	}
	if f.Query != "" {
		q = q.Where(`(u.search_text LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\')`,
			database.ContainsPattern(f.Query), database.ContainsPattern(f.Query))
	}
	if f.Active != nil {
		q = q.Where("u.active = ?", *f.Active)
	}
	q = f.Scope.apply(q, "u.organization_id", "u.id IN (SELECT user_id FROM team_members WHERE team_id IN (?))")
	return out, afterName(q, "u", f.After).Scan(ctx)
}

// employer is a person's organisation and position by name.
type employer struct {
	UserID           uuid.UUID `bun:"user_id"`
	OrganizationName *string   `bun:"organization_name"`
	PositionName     *string   `bun:"position_name"`
}

func (store) employers(ctx context.Context, db bun.IDB, userIDs []uuid.UUID) ([]employer, error) {
	var out []employer
	return out, db.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.id AS user_id, o.name AS organization_name, p.name_cs AS position_name").
		Join("LEFT JOIN organizations AS o ON o.id = u.organization_id").
		Join("LEFT JOIN positions AS p ON p.id = u.position_id").
		Where("u.id IN (?)", bun.In(userIDs)).
		Scan(ctx, &out)
}

func (store) updateUser(ctx context.Context, db bun.IDB, u *User, version int) error {
	return updateVersioned(ctx, db, u, u.ID, version,
		"email", "name", "search_text", "password_hash", "organization_id", "position_id", "employment_type",
		"hired_on", "probation_end", "fte", "left_on", "active", "updated_at")
}

// rolesOf loads the roles of many people at once, with the names of their scopes.
func (store) rolesOf(ctx context.Context, db bun.IDB, userIDs []uuid.UUID) ([]RoleView, error) {
	var out []RoleView
	if len(userIDs) == 0 {
		return out, nil
	}
	err := db.NewSelect().TableExpr("role_assignments AS ra").
		ColumnExpr("ra.user_id, ra.role, ra.organization_id, o.name AS organization_name, ra.team_id, t.name AS team_name, ra.region_code").
		Join("LEFT JOIN organizations AS o ON o.id = ra.organization_id").
		Join("LEFT JOIN teams AS t ON t.id = ra.team_id").
		Where("ra.user_id IN (?)", bun.In(userIDs)).
		OrderExpr("ra.user_id, ra.role, ra.created_at").
		Scan(ctx, &out)
	return out, err
}

type membership struct {
	UserID uuid.UUID `bun:"user_id"`
	TeamID uuid.UUID `bun:"team_id"`
}

func (store) teamsOf(ctx context.Context, db bun.IDB, userIDs []uuid.UUID) ([]membership, error) {
	var out []membership
	if len(userIDs) == 0 {
		return out, nil
	}
	err := db.NewSelect().Model((*teamMember)(nil)).Column("user_id", "team_id").
		Where("user_id IN (?)", bun.In(userIDs)).Scan(ctx, &out)
	return out, err
}

func (store) replaceRoles(ctx context.Context, db bun.IDB, userID uuid.UUID, roles []RoleAssignment) error {
	if _, err := db.NewDelete().Model((*RoleAssignment)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return err
	}
	if len(roles) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&roles).Exec(ctx)
	return err
}

// --- teams

type teamFilter struct {
	OrganizationID *uuid.UUID
	Query          string
	Active         *bool
	Scope          scope
	After          *nameCursor
	Limit          int
}

func (store) insertTeam(ctx context.Context, db bun.IDB, t *Team) error {
	_, err := db.NewInsert().Model(t).Exec(ctx)
	return err
}

func (store) team(ctx context.Context, db bun.IDB, id uuid.UUID) (*Team, error) {
	t := new(Team)
	return one(ctx, db.NewSelect().Model(t).Where("id = ?", id), t)
}

func (store) teams(ctx context.Context, db bun.IDB, f teamFilter) ([]Team, error) {
	var out []Team
	q := db.NewSelect().Model(&out).OrderExpr("team.name, team.id").Limit(int64(f.Limit + 1))
	if f.OrganizationID != nil {
		q = q.Where("team.organization_id = ?", *f.OrganizationID)
	}
	if f.Query != "" {
		q = q.Where(`team.search_text LIKE ? ESCAPE '\'`, database.ContainsPattern(f.Query))
	}
	if f.Active != nil {
		q = q.Where("team.active = ?", *f.Active)
	}
	q = f.Scope.apply(q, "team.organization_id", "team.id IN (?)")
	return out, afterName(q, "team", f.After).Scan(ctx)
}

func (store) updateTeam(ctx context.Context, db bun.IDB, t *Team, version int) error {
	return updateVersioned(ctx, db, t, t.ID, version, "name", "search_text", "active", "updated_at")
}

// people loads the leads and members of many teams in two queries.
func (store) people(ctx context.Context, db bun.IDB, teamIDs []uuid.UUID) (leads, members []PersonRef, err error) {
	if len(teamIDs) == 0 {
		return nil, nil, nil
	}
	base := func(join, where string) *bun.SelectQuery {
		return db.NewSelect().TableExpr("users AS u").
			ColumnExpr("x.team_id, u.id, u.name, p.code AS position_code, u.active").
			Join(join).
			Join("LEFT JOIN positions AS p ON p.id = u.position_id").
			Where(where, bun.In(teamIDs)).
			OrderExpr("u.name, u.id")
	}
	if err = base("JOIN role_assignments AS x ON x.user_id = u.id AND x.role = 'lead'", "x.team_id IN (?)").
		Scan(ctx, &leads); err != nil {
		return nil, nil, err
	}
	err = base("JOIN team_members AS x ON x.user_id = u.id", "x.team_id IN (?)").Scan(ctx, &members)
	return leads, members, err
}

func (store) replaceMembers(ctx context.Context, db bun.IDB, teamID uuid.UUID, userIDs []uuid.UUID) error {
	if _, err := db.NewDelete().Model((*teamMember)(nil)).Where("team_id = ?", teamID).Exec(ctx); err != nil {
		return err
	}
	if len(userIDs) == 0 {
		return nil
	}
	rows := make([]teamMember, len(userIDs))
	for i, id := range userIDs {
		rows[i] = teamMember{TeamID: teamID, UserID: id}
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

func (store) replaceLeads(ctx context.Context, db bun.IDB, teamID uuid.UUID, userIDs []uuid.UUID, now time.Time) error {
	if _, err := db.NewDelete().Model((*RoleAssignment)(nil)).Where("team_id = ? AND role = 'lead'", teamID).Exec(ctx); err != nil {
		return err
	}
	if len(userIDs) == 0 {
		return nil
	}
	rows := make([]RoleAssignment, len(userIDs))
	for i, id := range userIDs {
		rows[i] = RoleAssignment{ID: uuid.Must(uuid.NewV7()), UserID: id, Role: "lead", TeamID: &teamID, CreatedAt: now}
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return err
}
