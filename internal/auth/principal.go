// Package auth signs people in (argon2id passwords, short-lived JWT access tokens, rotating refresh tokens) and
// puts the Principal — who is calling and in which scopes — into every authenticated request.
package auth

import (
	"slices"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Role is one of the product's roles (PRODUCT.md §1). A role always holds in a scope, see Grant.
type Role string

const (
	Worker        Role = "worker"        // sociální pracovník/pracovnice
	Lead          Role = "lead"          // vedoucí oddělení/týmu
	Provider      Role = "provider"      // vzdělavatel
	Supervisor    Role = "supervisor"    // supervizor/supervizorka
	Methodologist Role = "methodologist" // metodik/metodička kraje
	Admin         Role = "admin"         // správce
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{Worker, Lead, Provider, Supervisor, Methodologist, Admin}

// Grant is a role in its scope: a lead leads TeamID, a provider acts for OrganizationID, a methodologist covers
// RegionCode, an admin administers OrganizationID (or everything when it is nil).
type Grant struct {
	Role           Role
	OrganizationID *uuid.UUID
	TeamID         *uuid.UUID
	RegionCode     string
}

// Principal is the signed-in person as every policy sees them.
type Principal struct {
	UserID         uuid.UUID
	OrganizationID *uuid.UUID // employer
	Grants         []Grant
	MemberOf       []uuid.UUID // teams the person is a member of
}

// Has reports whether the person holds a role in any scope.
func (p *Principal) Has(r Role) bool {
	return slices.ContainsFunc(p.Grants, func(g Grant) bool { return g.Role == r })
}

// IsGlobalAdmin is the operator: an admin grant without an organisation.
func (p *Principal) IsGlobalAdmin() bool {
	return slices.ContainsFunc(p.Grants, func(g Grant) bool { return g.Role == Admin && g.OrganizationID == nil })
}

// AdminOf reports whether the person administers the organisation (globally or for that organisation).
func (p *Principal) AdminOf(org uuid.UUID) bool {
	return slices.ContainsFunc(p.Grants, func(g Grant) bool {
		return g.Role == Admin && (g.OrganizationID == nil || *g.OrganizationID == org)
	})
}

// AdminOrgs lists the organisations a scoped admin administers (empty for a global admin: see IsGlobalAdmin).
func (p *Principal) AdminOrgs() []uuid.UUID { return p.scopedOrgs(Admin) }

// ProviderOrgs lists the provider organisations the person acts for.
func (p *Principal) ProviderOrgs() []uuid.UUID { return p.scopedOrgs(Provider) }

func (p *Principal) scopedOrgs(r Role) []uuid.UUID {
	var out []uuid.UUID
	for _, g := range p.Grants {
		if g.Role == r && g.OrganizationID != nil {
			out = append(out, *g.OrganizationID)
		}
	}
	return out
}

// LedTeams lists the teams the person leads.
func (p *Principal) LedTeams() []uuid.UUID {
	var out []uuid.UUID
	for _, g := range p.Grants {
		if g.Role == Lead && g.TeamID != nil {
			out = append(out, *g.TeamID)
		}
	}
	return out
}

// LeadsTeam reports whether the person leads the team.
func (p *Principal) LeadsTeam(team uuid.UUID) bool { return slices.Contains(p.LedTeams(), team) }

// MethodologistOf reports whether the person is the methodologist of a region (kraj).
func (p *Principal) MethodologistOf(region string) bool {
	return slices.ContainsFunc(p.Grants, func(g Grant) bool { return g.Role == Methodologist && g.RegionCode == region })
}

// Capabilities are what the SPA uses to build its navigation; the API still checks every request itself.
func (p *Principal) Capabilities() []string {
	caps := []string{"catalogue.browse"}
	add := func(r Role, c ...string) {
		if p.Has(r) {
			caps = append(caps, c...)
		}
	}
	add(Worker, "self.development")
	add(Lead, "team.lead")
	add(Provider, "training.provide")
	add(Supervisor, "supervision.run")
	add(Methodologist, "framework.manage", "indicators.region")
	add(Admin, "admin.organizations", "admin.teams", "admin.users")
	return caps
}

const principalKey = "principal"

// FromCtx returns the request's principal; handlers behind Middleware always have one.
func FromCtx(c *fiber.Ctx) *Principal {
	p, _ := c.Locals(principalKey).(*Principal)
	return p
}

// MustPrincipal returns the principal or the 401 to answer with.
func MustPrincipal(c *fiber.Ctx) (*Principal, error) {
	if p := FromCtx(c); p != nil {
		return p, nil
	}
	return nil, httpx.Unauthorized("Sign in first.")
}
