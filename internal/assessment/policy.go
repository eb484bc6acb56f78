package assessment

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// The assessment's authorization, in one place (PRODUCT.md §3). An assessment is personal: its author sees it
// in every state; the lead of a team the person belongs to sees it once submitted (never a draft); nobody else
// learns it exists — not an admin, not a methodologist, who sees only aggregates.

// isLeadOf: the caller leads one of the person's teams, and is not the person (nobody reviews themselves).
func isLeadOf(p *auth.Principal, personID uuid.UUID, personTeams []uuid.UUID) bool {
	return p.UserID != personID && slices.ContainsFunc(personTeams, p.LeadsTeam)
}

func canSee(p *auth.Principal, a *Assessment, personTeams []uuid.UUID) bool {
	if a.PersonID == p.UserID {
		return true
	}
	return a.State != Draft && isLeadOf(p, a.PersonID, personTeams)
}

// The worker's own steps: start, rate, submit, agree.
func canStart(p *auth.Principal) bool                { return p.Has(auth.Worker) }
func isAuthor(p *auth.Principal, a *Assessment) bool { return a.PersonID == p.UserID }
func canReview(p *auth.Principal, a *Assessment, personTeams []uuid.UUID) bool {
	return isLeadOf(p, a.PersonID, personTeams)
}
