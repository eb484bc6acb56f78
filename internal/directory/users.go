package directory

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// RoleInput is a role with its scope, as an admin grants it.
type RoleInput struct {
	Role           string `json:"role" validate:"required,oneof=worker lead provider supervisor methodologist admin"`
	OrganizationID string `json:"organization_id,omitempty" validate:"omitempty,uuid"`
	TeamID         string `json:"team_id,omitempty" validate:"omitempty,uuid"`
	RegionCode     string `json:"region_code,omitempty" validate:"omitempty,region"`
}

// UserInput creates a person. Without a password the person cannot sign in until one is set.
type UserInput struct {
	Email          string      `json:"email" validate:"required,email,max=254"`
	Name           string      `json:"name" validate:"required,max=200"`
	Password       string      `json:"password,omitempty" validate:"omitempty,min=10,max=200"`
	OrganizationID string      `json:"organization_id,omitempty" validate:"omitempty,uuid"`
	PositionID     string      `json:"position_id,omitempty" validate:"omitempty,uuid"`
	EmploymentType string      `json:"employment_type,omitempty" validate:"omitempty,oneof=official employee"`
	HiredOn        string      `json:"hired_on,omitempty" validate:"omitempty,datetime=2006-01-02"`
	ProbationEnd   string      `json:"probation_end,omitempty" validate:"omitempty,datetime=2006-01-02"`
	LeftOn         string      `json:"left_on,omitempty" validate:"omitempty,datetime=2006-01-02"`
	FTE            *float64    `json:"fte,omitempty" validate:"omitempty,gt=0,lte=1"`
	Roles          []RoleInput `json:"roles" validate:"max=20,dive"`
}

// UserPatch changes some fields of a person; "" clears an optional field; roles, when sent, replace all roles.
type UserPatch struct {
	Email          *string      `json:"email" validate:"omitempty,email,max=254"`
	Name           *string      `json:"name" validate:"omitempty,min=1,max=200"`
	Password       *string      `json:"password" validate:"omitempty,min=10,max=200"`
	OrganizationID *string      `json:"organization_id" validate:"omitempty,len=0|uuid"`
	PositionID     *string      `json:"position_id" validate:"omitempty,len=0|uuid"`
	EmploymentType *string      `json:"employment_type" validate:"omitempty,len=0|oneof=official employee"`
	HiredOn        *string      `json:"hired_on" validate:"omitempty,len=0|datetime=2006-01-02"`
	ProbationEnd   *string      `json:"probation_end" validate:"omitempty,len=0|datetime=2006-01-02"`
	LeftOn         *string      `json:"left_on" validate:"omitempty,len=0|datetime=2006-01-02"`
	FTE            *float64     `json:"fte" validate:"omitempty,gte=0,lte=1"`
	Roles          *[]RoleInput `json:"roles" validate:"omitempty,max=20,dive"`
}

func (in UserInput) patch() UserPatch {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return UserPatch{
		Email: &in.Email, Name: &in.Name, Password: opt(in.Password), OrganizationID: opt(in.OrganizationID),
		PositionID: opt(in.PositionID), EmploymentType: opt(in.EmploymentType), HiredOn: opt(in.HiredOn),
		ProbationEnd: opt(in.ProbationEnd), LeftOn: opt(in.LeftOn), FTE: in.FTE, Roles: &in.Roles,
	}
}

// CreateUser adds a person with their roles, in one transaction.
func (s *Service) CreateUser(ctx context.Context, p *auth.Principal, in UserInput) (*User, error) {
	if !p.Has(auth.Admin) {
		return nil, httpx.Forbidden("Only an administrator adds people.")
	}
	now := database.Now()
	u := &User{ID: newID(), Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		roles, err := s.applyUser(ctx, tx, p, u, in.patch())
		if err != nil {
			return err
		}
		if !canManageUser(p, u.OrganizationID) {
			return httpx.Forbidden("You may add people only to an organisation you administer.")
		}
		if err := s.store.insertUser(ctx, tx, u); err != nil {
			return userWriteError(err)
		}
		if err := s.store.replaceRoles(ctx, tx, u.ID, roles); err != nil {
			return err
		}
		if err := s.loadUserExtras(ctx, tx, u); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &u.ID, Action: "create", Entity: "user", EntityID: u.ID, After: u})
	})
	return u, err
}

// applyUser copies the given fields onto u, checks them against other records and returns the roles to store
// (nil roles when the patch leaves them alone).
func (s *Service) applyUser(ctx context.Context, db bun.IDB, p *auth.Principal, u *User, in UserPatch) ([]RoleAssignment, error) {
	if in.Email != nil {
		u.Email = strings.ToLower(strings.TrimSpace(*in.Email))
		other, err := s.store.userByEmail(ctx, db, u.Email)
		if err == nil && other.ID != u.ID {
			return nil, httpx.FieldConflict("email", emailTaken)
		} else if err != nil && !errors.Is(err, errNotFound) {
			return nil, err
		}
	}
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
		if u.Name == "" {
			return nil, blankName()
		}
		u.SearchText = database.Fold(u.Name)
	}
	if in.Password != nil {
		hash, err := auth.HashPassword(*in.Password)
		if err != nil {
			return nil, err
		}
		u.PasswordHash = hash
	}
	if in.OrganizationID != nil {
		id, err := parseID("organization_id", *in.OrganizationID)
		if err != nil {
			return nil, err
		}
		if id != nil {
			if _, err := s.store.org(ctx, db, *id); err != nil {
				return nil, notFoundAs(err, httpx.FieldInvalid("organization_id", "exists", "No organisation has this identifier."))
			}
		}
		u.OrganizationID = id
	}
	if in.PositionID != nil {
		id, err := parseID("position_id", *in.PositionID)
		if err != nil {
			return nil, err
		}
		if id != nil {
			if _, err := s.store.position(ctx, db, *id); err != nil {
				return nil, notFoundAs(err, httpx.FieldInvalid("position_id", "exists", "No position has this identifier."))
			}
		}
		u.PositionID = id
	}
	if in.EmploymentType != nil {
		u.EmploymentType = nil
		if *in.EmploymentType != "" {
			u.EmploymentType = in.EmploymentType
		}
	}
	for _, d := range []struct {
		field string
		in    *string
		dst   **database.Date
	}{{"hired_on", in.HiredOn, &u.HiredOn}, {"probation_end", in.ProbationEnd, &u.ProbationEnd}, {"left_on", in.LeftOn, &u.LeftOn}} {
		if d.in == nil {
			continue
		}
		*d.dst = nil
		if *d.in != "" {
			v, err := database.ParseDate(*d.in)
			if err != nil {
				return nil, httpx.FieldInvalid(d.field, "datetime", "Expected a date as YYYY-MM-DD.")
			}
			*d.dst = &v
		}
	}
	if in.FTE != nil {
		u.FTE = in.FTE
		if *in.FTE == 0 {
			u.FTE = nil
		}
	}
	if u.HiredOn != nil && u.ProbationEnd != nil && u.ProbationEnd.Before(u.HiredOn.Time) {
		return nil, httpx.FieldInvalid("probation_end", "order", "The probation cannot end before the hiring date.")
	}
	if u.HiredOn != nil && u.LeftOn != nil && u.LeftOn.Before(u.HiredOn.Time) {
		return nil, httpx.FieldInvalid("left_on", "order", "The leaving date cannot be before the hiring date.")
	}
	if in.Roles == nil {
		return nil, nil
	}
	return s.checkRoles(ctx, db, p, u, *in.Roles)
}

// checkRoles turns granted roles into assignments: every role needs its scope, the scope must fit the person
// (a lead leads a team of their own organisation), and the caller must be allowed to grant it.
func (s *Service) checkRoles(ctx context.Context, db bun.IDB, p *auth.Principal, u *User, in []RoleInput) ([]RoleAssignment, error) {
	var invalid, denied []httpx.FieldError
	out := make([]RoleAssignment, 0, len(in))
	now := database.Now()
	for i, r := range in {
		field := func(name string) string { return fmt.Sprintf("roles[%d].%s", i, name) }
		bad := func(name, code, msg string) {
			invalid = append(invalid, httpx.FieldError{Field: field(name), Code: code, Message: msg})
		}
		a := RoleAssignment{ID: newID(), UserID: u.ID, Role: auth.Role(r.Role), CreatedAt: now}
		orgID, err := parseID(field("organization_id"), r.OrganizationID)
		if err != nil {
			return nil, err
		}
		teamID, err := parseID(field("team_id"), r.TeamID)
		if err != nil {
			return nil, err
		}
		scopeOrg := orgID
		switch a.Role {
		case auth.Worker, auth.Provider:
			if orgID == nil {
				orgID = u.OrganizationID
			}
			if orgID == nil {
				bad("organization_id", "required", "This role needs the organisation it holds in.")
				continue
			}
			o, err := s.store.org(ctx, db, *orgID)
			if err != nil {
				if !errors.Is(err, errNotFound) {
					return nil, err
				}
				bad("organization_id", "exists", "No organisation has this identifier.")
				continue
			}
			if a.Role == auth.Provider && o.Kind != KindProvider {
				bad("organization_id", "kind", "A provider acts for a training-provider organisation.")
				continue
			}
			if a.Role == auth.Worker && u.OrganizationID != nil && *orgID != *u.OrganizationID {
				bad("organization_id", "employer", "A worker works in their own organisation.")
				continue
			}
			a.OrganizationID, scopeOrg = orgID, orgID
		case auth.Lead:
			if teamID == nil {
				bad("team_id", "required", "A lead needs the team they lead.")
				continue
			}
			t, err := s.store.team(ctx, db, *teamID)
			if err != nil {
				if !errors.Is(err, errNotFound) {
					return nil, err
				}
				bad("team_id", "exists", "No team has this identifier.")
				continue
			}
			if u.OrganizationID == nil || t.OrganizationID != *u.OrganizationID {
				bad("team_id", "organization", "The team belongs to another organisation than the person.")
				continue
			}
			a.TeamID, scopeOrg = teamID, &t.OrganizationID
		case auth.Methodologist:
			if r.RegionCode == "" {
				bad("region_code", "required", "A methodologist needs the region they cover.")
				continue
			}
			a.RegionCode = &r.RegionCode
		case auth.Supervisor, auth.Admin:
			// The scope must exist: an unknown one would fail the foreign key as a 500 instead of naming the field.
			if orgID != nil {
				if _, err := s.store.org(ctx, db, *orgID); err != nil {
					if !errors.Is(err, errNotFound) {
						return nil, err
					}
					bad("organization_id", "exists", "No organisation has this identifier.")
					continue
				}
			}
			a.OrganizationID = orgID
		}
		if !canGrant(p, a.Role, scopeOrg) {
			denied = append(denied, httpx.FieldError{Field: field("role"), Code: "grant", Message: "You may not grant this role in this scope."})
		}
		out = append(out, a)
	}
	if len(invalid) > 0 {
		return nil, httpx.Invalid(invalid...)
	}
	if len(denied) > 0 {
		pr := httpx.Forbidden("You may not grant some of these roles.")
		pr.Errors = denied
		return nil, pr
	}
	return out, nil
}

const emailTaken = "Another person already has this e-mail address."

func userWriteError(err error) error { return uniqueAs(err, "email", emailTaken) }

// loadUserExtras fills the roles, team IDs, employer and position of one person.
func (s *Service) loadUserExtras(ctx context.Context, db bun.IDB, u *User) error {
	users := []User{*u}
	if err := s.fillUsers(ctx, db, users); err != nil {
		return err
	}
	*u = users[0]
	return nil
}

// fillUsers loads the roles, teams, employer and position of a page of people in three queries.
func (s *Service) fillUsers(ctx context.Context, db bun.IDB, users []User) error {
	if len(users) == 0 {
		return nil
	}
	if err := s.fillGrants(ctx, db, users); err != nil {
		return err
	}
	ids := make([]uuid.UUID, len(users))
	idx := make(map[uuid.UUID]int, len(users))
	for i := range users {
		ids[i], idx[users[i].ID] = users[i].ID, i
	}
	employers, err := s.store.employers(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, e := range employers {
		users[idx[e.UserID]].OrganizationName, users[idx[e.UserID]].PositionName = e.OrganizationName, e.PositionName
	}
	return nil
}

// fillGrants loads the roles and teams of people in two queries: all that /me, read on every page, needs.
func (s *Service) fillGrants(ctx context.Context, db bun.IDB, users []User) error {
	ids := make([]uuid.UUID, len(users))
	idx := make(map[uuid.UUID]int, len(users))
	for i := range users {
		ids[i], idx[users[i].ID] = users[i].ID, i
		users[i].Roles, users[i].TeamIDs = []RoleView{}, []uuid.UUID{}
	}
	roles, err := s.store.rolesOf(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, r := range roles {
		users[idx[r.UserID]].Roles = append(users[idx[r.UserID]].Roles, r)
	}
	teams, err := s.store.teamsOf(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, m := range teams {
		users[idx[m.UserID]].TeamIDs = append(users[idx[m.UserID]].TeamIDs, m.TeamID)
	}
	return nil
}

// User returns a person the caller may see; anyone else's record is "not found".
func (s *Service) User(ctx context.Context, p *auth.Principal, id uuid.UUID) (*User, error) {
	u, err := s.store.user(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, errUserNotFound)
	}
	if err := s.loadUserExtras(ctx, s.db, u); err != nil {
		return nil, err
	}
	if !canSeeUser(p, u) {
		return nil, errUserNotFound
	}
	return u, nil
}

// UserQuery filters the people list.
type UserQuery struct {
	OrganizationID string `query:"organization_id" validate:"omitempty,uuid"`
	TeamID         string `query:"team_id" validate:"omitempty,uuid"`
	Role           string `query:"role" validate:"omitempty,oneof=worker lead provider supervisor methodologist admin"`
	Q              string `query:"q" validate:"max=100"`
	Active         *bool  `query:"active"`
}

// Users lists the people the caller may see, by name.
func (s *Service) Users(ctx context.Context, p *auth.Principal, q UserQuery, pr httpx.PageRequest) (httpx.Page[User], error) {
	sc, ok := userScope(p)
	if !ok {
		return httpx.Page[User]{}, httpx.Forbidden("You may not list people.")
	}
	f := userFilter{Role: q.Role, Query: q.Q, Active: q.Active, Scope: sc, Limit: pr.Limit}
	f.OrganizationID, _ = parseID("organization_id", q.OrganizationID)
	f.TeamID, _ = parseID("team_id", q.TeamID)
	if err := decodeCursor(pr, &f.After); err != nil {
		return httpx.Page[User]{}, err
	}
	rows, err := s.store.users(ctx, s.db, f)
	if err != nil {
		return httpx.Page[User]{}, err
	}
	page := httpx.NewPage(rows, pr.Limit, func(u User) any { return nameCursor{u.Name, u.ID} })
	return page, s.fillUsers(ctx, s.db, page.Items)
}

// UpdateUser changes a person the caller administers, based on the version they read.
func (s *Service) UpdateUser(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in UserPatch) (*User, error) {
	return s.changeUser(ctx, p, id, &version, "update", func(ctx context.Context, tx bun.Tx, u *User) ([]RoleAssignment, error) {
		roles, err := s.applyUser(ctx, tx, p, u, in)
		if err != nil {
			return nil, err
		}
		// Moving a person to another organisation needs the right to manage both.
		if !canManageUser(p, u.OrganizationID) {
			return nil, httpx.Forbidden("You may move people only to an organisation you administer.")
		}
		return roles, nil
	})
}

// SetUserActive deactivates a person who left (never deleting them) or brings them back.
func (s *Service) SetUserActive(ctx context.Context, p *auth.Principal, id uuid.UUID, active bool) (*User, error) {
	if !active && id == p.UserID {
		return nil, httpx.Conflict("You cannot deactivate yourself.")
	}
	return s.changeUser(ctx, p, id, nil, activeAction(active), func(_ context.Context, _ bun.Tx, u *User) ([]RoleAssignment, error) {
		u.Active = active
		if active {
			u.LeftOn = nil // back at work: the leaving date no longer holds
		} else if u.LeftOn == nil {
			now := database.Now()
			today := database.NewDate(now.Year(), now.Month(), now.Day())
			u.LeftOn = &today
		}
		return nil, nil
	})
}

// changeUser is the frame of every change to a person: load, authorise, check the version, change, store,
// audit, all in one transaction. A nil version skips the check (status changes need none).
func (s *Service) changeUser(ctx context.Context, p *auth.Principal, id uuid.UUID, version *int, action string,
	change func(ctx context.Context, tx bun.Tx, u *User) ([]RoleAssignment, error)) (*User, error) {
	var u *User
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = s.store.user(ctx, tx, id); err != nil {
			return notFoundAs(err, errUserNotFound)
		}
		if err := s.loadUserExtras(ctx, tx, u); err != nil {
			return err
		}
		if !canSeeUser(p, u) {
			return errUserNotFound
		}
		if !canManageUser(p, u.OrganizationID) {
			return httpx.Forbidden("You do not administer this person's organisation.")
		}
		if version != nil && u.Version != *version {
			return httpx.StaleVersion()
		}
		before := *u
		roles, err := change(ctx, tx, u)
		if err != nil {
			return err
		}
		u.UpdatedAt = database.Now()
		if err := s.store.updateUser(ctx, tx, u, before.Version); err != nil {
			return versionError(userWriteError(err))
		}
		u.Version++
		if roles != nil {
			if err := s.store.replaceRoles(ctx, tx, u.ID, roles); err != nil {
				return err
			}
		}
		if err := s.loadUserExtras(ctx, tx, u); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &u.ID, Action: action, Entity: "user", EntityID: u.ID, Before: before, After: u})
	})
	return u, err
}
