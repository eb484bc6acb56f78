package training

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Training's authorization, in one place (PRODUCT.md §3). The catalogue (published courses and their sessions) is
// everybody's; a provider runs the courses of the provider organisations they work for, drafts included, and sees
// who registered for them (names and e-mails). A registration is the person's: they and the leads of their teams
// see it and cancel it; a worker registers themselves, a lead nominates a member of a team they lead.

// runs: the caller is a provider of the organisation that offers the course.
func runs(p *auth.Principal, providerID uuid.UUID) bool {
	return slices.Contains(p.ProviderOrgs(), providerID)
}

// canSeeCourse: a published course is in the catalogue; a draft only for its provider.
func canSeeCourse(p *auth.Principal, providerID uuid.UUID, published bool) bool {
	return published || runs(p, providerID)
}

// mayChange answers whether the caller may change a course or session of a provider: 404 to whoever may not
// know it exists, 403 to whoever sees it in the catalogue but does not run it.
func mayChange(p *auth.Principal, providerID uuid.UUID, published bool, notFound error) error {
	if !canSeeCourse(p, providerID, published) {
		return notFound
	}
	if !runs(p, providerID) {
		return httpx.Forbidden("Only the provider that offers the course changes it.")
	}
	return nil
}

// leadsPerson: the caller leads one of the person's teams and is not the person.
func leadsPerson(p *auth.Principal, personID uuid.UUID, personTeams []uuid.UUID) bool {
	return p.UserID != personID && slices.ContainsFunc(personTeams, p.LeadsTeam)
}

// mayRegister: a worker registers themselves; a lead nominates a member of a team they lead.
func mayRegister(p *auth.Principal, personID uuid.UUID, personTeams []uuid.UUID) error {
	if personID == p.UserID {
		if !p.Has(auth.Worker) {
			return httpx.Forbidden("Only workers register for training.")
		}
		return nil
	}
	if !leadsPerson(p, personID, personTeams) {
		return httpx.Forbidden("A lead nominates only members of the teams they lead.")
	}
	return nil
}

// canSeeRegistration: the person, their leads, and the provider of the session.
func canSeeRegistration(p *auth.Principal, r *Registration, personTeams []uuid.UUID) bool {
	return r.PersonID == p.UserID || leadsPerson(p, r.PersonID, personTeams) || runs(p, r.ProviderID)
}

// canWithdraw: the person or their lead cancels a registration.
func canWithdraw(p *auth.Principal, r *Registration, personTeams []uuid.UUID) bool {
	return r.PersonID == p.UserID || leadsPerson(p, r.PersonID, personTeams)
}
