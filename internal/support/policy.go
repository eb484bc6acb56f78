package support

import (
	"slices"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Who may do what with the support log:
//   - a worker logs support for themself; an entry and its note are theirs alone (anyone else gets 404);
//   - a person sees their own totals, a lead the totals of the members of the teams they lead, never a note.

var (
	errEntryNotFound  = httpx.NotFound("No support log entry has this identifier.")
	errPersonNotFound = httpx.NotFound("No person with this identifier is visible to you.")
	errTeamNotFound   = httpx.NotFound("No team you lead has this identifier.")
)

func mayLog(p *auth.Principal) error {
	if !p.Has(auth.Worker) {
		return httpx.Forbidden("Only workers log the support they get.")
	}
	return nil
}

// whoseTotals works out whose totals a summary shows: the filters' people when the caller may see every one of
// them, the caller when there are no filters.
func whoseTotals(p *auth.Principal, q SummaryQuery, r directory.Reach) ([]uuid.UUID, error) {
	if q.TeamID != "" && !p.LeadsTeam(uuid.MustParse(q.TeamID)) { // validated as a UUID by the query parser
		return nil, errTeamNotFound
	}
	if q.PersonID != "" {
		id := uuid.MustParse(q.PersonID)
		if id != r.Own && !slices.Contains(r.LedPeople, id) {
			return nil, errPersonNotFound
		}
	}
	if r.PersonIDs == nil {
		return []uuid.UUID{r.Own}, nil
	}
	return r.PersonIDs, nil
}
