package directory

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
)

// OrgRef names an organisation.
type OrgRef struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
	Kind string    `json:"kind"`
}

// Me is the signed-in person: who they are, where they work, their roles and what the UI may offer them.
type Me struct {
	ID             uuid.UUID      `json:"id"`
	Email          string         `json:"email"`
	Name           string         `json:"name"`
	Organization   *OrgRef        `json:"organization"`
	Position       *Position      `json:"position"`
	EmploymentType *string        `json:"employment_type"`
	HiredOn        *database.Date `json:"hired_on"`
	ProbationEnd   *database.Date `json:"probation_end"`
	FTE            *float64       `json:"fte"`
	LeftOn         *database.Date `json:"left_on"`
	Roles          []RoleView     `json:"roles"`
	TeamIDs        []uuid.UUID    `json:"team_ids"`
	Capabilities   []string       `json:"capabilities"`
}

// Me describes the signed-in person.
func (s *Service) Me(ctx context.Context, p *auth.Principal) (*Me, error) {
	u, err := s.store.user(ctx, s.db, p.UserID)
	if err != nil {
		return nil, notFoundAs(err, errUserNotFound)
	}
	users := []User{*u}
	if err := s.fillGrants(ctx, s.db, users); err != nil {
		return nil, err
	}
	u = &users[0]
	me := &Me{
		ID: u.ID, Email: u.Email, Name: u.Name, EmploymentType: u.EmploymentType, HiredOn: u.HiredOn,
		ProbationEnd: u.ProbationEnd, FTE: u.FTE, LeftOn: u.LeftOn, Roles: u.Roles, TeamIDs: u.TeamIDs,
		Capabilities: p.Capabilities(),
	}
	if u.OrganizationID != nil {
		o, err := s.store.org(ctx, s.db, *u.OrganizationID)
		if err != nil {
			return nil, err
		}
		me.Organization = &OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind}
	}
	if u.PositionID != nil {
		if me.Position, err = s.store.position(ctx, s.db, *u.PositionID); err != nil {
			return nil, err
		}
	}
	return me, nil
}

// Accounts is the directory as sign-in needs it (auth.Accounts).
type Accounts struct{ store store }

// AccountByEmail finds the account for a sign-in; the e-mail is already lower-case.
func (a Accounts) AccountByEmail(ctx context.Context, db bun.IDB, email string) (auth.Account, error) {
	u, err := a.store.userByEmail(ctx, db, email)
	if errors.Is(err, errNotFound) {
		return auth.Account{}, auth.ErrNoAccount
	} else if err != nil {
		return auth.Account{}, err
	}
	return auth.Account{UserID: u.ID, PasswordHash: u.PasswordHash, Active: u.Active}, nil
}

// principalSQL reads a person, their grants and their teams in one statement, since every request signs its
// caller in: the person's row once per grant (or once with none), then a row per team they are a member of.
const principalSQL = `
SELECT u.organization_id, u.active, ra.role, ra.organization_id AS grant_organization_id, ra.team_id AS grant_team_id,
       ra.region_code, NULL AS member_of
FROM users AS u LEFT JOIN role_assignments AS ra ON ra.user_id = u.id
WHERE u.id = ?0
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, tm.team_id FROM team_members AS tm WHERE tm.user_id = ?0`

// Principal loads an active person's grants and team memberships.
func (a Accounts) Principal(ctx context.Context, db bun.IDB, id uuid.UUID) (*auth.Principal, error) {
	var rows []struct {
		OrganizationID      *uuid.UUID `bun:"organization_id"`
		Active              *bool      `bun:"active"`
		Role                *auth.Role `bun:"role"`
		GrantOrganizationID *uuid.UUID `bun:"grant_organization_id"`
		GrantTeamID         *uuid.UUID `bun:"grant_team_id"`
		RegionCode          *string    `bun:"region_code"`
		MemberOf            *uuid.UUID `bun:"member_of"`
	}
	if err := db.NewRaw(principalSQL, id).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	p := &auth.Principal{UserID: id}
	found := false
	for _, r := range rows {
		switch {
		case r.MemberOf != nil:
			p.MemberOf = append(p.MemberOf, *r.MemberOf)
		case r.Active != nil:
			if !*r.Active {
				return nil, auth.ErrNoAccount
			}
			found, p.OrganizationID = true, r.OrganizationID
			if r.Role != nil {
				p.Grants = append(p.Grants, auth.Grant{Role: *r.Role, OrganizationID: r.GrantOrganizationID, TeamID: r.GrantTeamID,
					RegionCode: deref(r.RegionCode)})
			}
		}
	}
	if !found {
		return nil, auth.ErrNoAccount
	}
	return p, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
