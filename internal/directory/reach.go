package directory

import (
	"context"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// Reach is what a list of personal records (assessments, plans, …) covers for a caller (PRODUCT.md §3): their own
// records and those of the members of the teams they lead, narrowed by the list's ?person_id= and ?team_id=.
type Reach struct {
	Own       uuid.UUID   // the caller
	LedPeople []uuid.UUID // members of the teams the caller leads, the caller aside
	PersonIDs []uuid.UUID // the people the filters leave; nil when no filter was given
}

// ReachOf works out a caller's reach. personID and teamID are the list's filters, "" when not given; the
// handler has validated them as UUIDs.
func (s *Service) ReachOf(ctx context.Context, p *auth.Principal, personID, teamID string) (Reach, error) {
	r := Reach{Own: p.UserID}
	if led := p.LedTeams(); len(led) > 0 {
		people, err := s.MembersOf(ctx, led)
		if err != nil {
			return r, err
		}
		r.LedPeople = slices.DeleteFunc(people, func(id uuid.UUID) bool { return id == p.UserID })
	}
	if personID != "" {
		r.PersonIDs = []uuid.UUID{uuid.MustParse(personID)}
	}
	if teamID != "" {
		members, err := s.MembersOf(ctx, []uuid.UUID{uuid.MustParse(teamID)})
		if err != nil {
			return r, err
		}
		if r.PersonIDs == nil {
			r.PersonIDs = members
		} else {
			r.PersonIDs = slices.DeleteFunc(r.PersonIDs, func(id uuid.UUID) bool { return !slices.Contains(members, id) })
		}
	}
	return r, nil
}

// Led is the reach without the caller's own records: a lead's queue of what their people did. A lead who is a
// member of a team they lead would otherwise find their own assessment among those they review.
func (r Reach) Led() Reach {
	r.Own = uuid.Nil
	return r
}

// Where limits a query to the reach. person is the records' person column (e.g. "p.person_id"), and leadSees the
// condition on which a lead sees a member's record (e.g. "p.state <> 'draft'"), both SQL written by the caller.
func (r Reach) Where(q *bun.SelectQuery, person, leadSees string, args ...any) *bun.SelectQuery {
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("? = ?", bun.Safe(person), r.Own)
		if len(r.LedPeople) > 0 {
			q = q.WhereOr("(? IN (?) AND "+leadSees+")", append([]any{bun.Safe(person), bun.In(r.LedPeople)}, args...)...)
		}
		return q
	})
	if r.PersonIDs != nil {
		// uuid.Nil keeps the list well-formed when the filters leave nobody: then nothing matches.
		q = q.Where("? IN (?)", bun.Safe(person), bun.In(slices.Concat(r.PersonIDs, []uuid.UUID{uuid.Nil})))
	}
	return q
}
