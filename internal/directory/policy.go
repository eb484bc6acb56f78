package directory

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// The directory's authorization, in one place (PRODUCT.md §3). Every handler path asks these; a record the
// caller may not know of is answered 404, an action they may not take on a record they can see 403.

// scope says which rows a list may return: everything, or those of some organisations or teams.
type scope struct {
	All     bool
	OrgIDs  []uuid.UUID
	TeamIDs []uuid.UUID
}

func (s scope) empty() bool { return !s.All && len(s.OrgIDs) == 0 && len(s.TeamIDs) == 0 }

// Organisations are public facts (name, IČO, region): anyone signed in may read them; a catalogue needs
// provider names. Only the operator creates them or changes their status; an organisation's admin edits it.
func canCreateOrg(p *auth.Principal) bool             { return p.IsGlobalAdmin() }
func canEditOrg(p *auth.Principal, id uuid.UUID) bool { return p.AdminOf(id) }
func canSetOrgActive(p *auth.Principal) bool          { return p.IsGlobalAdmin() }

// Teams are seen by their organisation's admins, their leads and their members.
func canSeeTeam(p *auth.Principal, t *Team) bool {
	return p.AdminOf(t.OrganizationID) || p.LeadsTeam(t.ID) || slices.Contains(p.MemberOf, t.ID)
}

func canManageTeams(p *auth.Principal, orgID uuid.UUID) bool { return p.AdminOf(orgID) }

func teamScope(p *auth.Principal) scope {
	if p.IsGlobalAdmin() {
		return scope{All: true}
	}
	return scope{OrgIDs: p.AdminOrgs(), TeamIDs: append(p.LedTeams(), p.MemberOf...)}
}

// People are seen by themselves, their organisation's admins and the leads of a team they are a member of.
func canSeeUser(p *auth.Principal, u *User) bool {
	if u.ID == p.UserID || (u.OrganizationID != nil && p.AdminOf(*u.OrganizationID)) || p.IsGlobalAdmin() {
		return true
	}
	return slices.ContainsFunc(u.TeamIDs, p.LeadsTeam)
}

// canManageUser: an admin of the person's organisation; people without one only the operator.
func canManageUser(p *auth.Principal, orgID *uuid.UUID) bool {
	if orgID == nil {
		return p.IsGlobalAdmin()
	}
	return p.AdminOf(*orgID)
}

// userScope is what a people list may show; ok is false for a caller who may not list people at all.
func userScope(p *auth.Principal) (s scope, ok bool) {
	if p.IsGlobalAdmin() {
		return scope{All: true}, true
	}
	s = scope{OrgIDs: p.AdminOrgs(), TeamIDs: p.LedTeams()}
	return s, !s.empty()
}

// canGrant says whether the caller may give a role in the organisation it is scoped to (for a lead, the team's
// organisation). Roles beyond one organisation — a methodologist's region, an external supervisor, the
// operator — only the operator grants.
func canGrant(p *auth.Principal, role auth.Role, scopeOrg *uuid.UUID) bool {
	if p.IsGlobalAdmin() {
		return true
	}
	switch role {
	case auth.Methodologist, auth.Supervisor:
		return false
	}
	return scopeOrg != nil && p.AdminOf(*scopeOrg)
}
