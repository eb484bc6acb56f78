package plan

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// The plan's authorization, in one place (PRODUCT.md §3). A plan is personal: the person sees it in every state;
// a lead of a team the person belongs to sees it once proposed (never a draft); nobody else learns it exists —
// not an admin, not a methodologist, provider or supervisor.

// isLeadOf: the caller leads one of the person's teams, and is not the person (nobody approves themselves).
func isLeadOf(p *auth.Principal, personID uuid.UUID, personTeams []uuid.UUID) bool {
	return p.UserID != personID && slices.ContainsFunc(personTeams, p.LeadsTeam)
}

func canSee(p *auth.Principal, pl *Plan, personTeams []uuid.UUID) bool {
	return isOwner(p, pl) || pl.State != Draft && isLeadOf(p, pl.PersonID, personTeams)
}

// leadSees is canSee's lead clause as lists ask it, in SQL over a plan (alias p); directory.Reach supplies the rest:
// the caller's own plans, and which people the caller leads.
const leadSees = "p.state <> '" + Draft + "'"

// canCreate: a worker plans their own development; nobody makes a plan for someone else.
func canCreate(p *auth.Principal, personID uuid.UUID) bool {
	return p.Has(auth.Worker) && personID == p.UserID
}

// isOwner: the person the plan belongs to; they edit it, propose it and close it.
func isOwner(p *auth.Principal, pl *Plan) bool { return pl.PersonID == p.UserID }

// canDecide: a lead of the person's team approves or returns the plan.
func canDecide(p *auth.Principal, pl *Plan, personTeams []uuid.UUID) bool {
	return isLeadOf(p, pl.PersonID, personTeams)
}

// canCarryOut: the person or their lead marks actions done and closes the plan with an evaluation.
func canCarryOut(p *auth.Principal, pl *Plan, personTeams []uuid.UUID) bool {
	return isOwner(p, pl) || isLeadOf(p, pl.PersonID, personTeams)
}
