package supervision

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// Supervision's authorization, in one place (PRODUCT.md §3). A lead plans and changes the sessions of the teams
// they lead; the supervisor sees the sessions they run and confirms them; a participant sees their own sessions.
// Nobody else learns that a session exists (404). A private note is its author's alone: no role reads another's.

// plans: the caller leads the session's team.
func plans(p *auth.Principal, teamID uuid.UUID) bool { return p.LeadsTeam(teamID) }

// canSee: the team's lead, the supervisor, or a participant.
func canSee(p *auth.Principal, s *Session) bool {
	return plans(p, s.TeamID) || s.SupervisorID == p.UserID || takesPart(p.UserID, s)
}

func takesPart(person uuid.UUID, s *Session) bool {
	return slices.ContainsFunc(s.Participants, func(x Participant) bool { return x.PersonID == person })
}
