package training

import (
	"context"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/requirement"
)

// Standing is what the indicators need of one person's compliance: whether a rule applies to them and is met as of
// a day, and the hours of training they had within a period, counted as the rules count them.
type Standing struct {
	Applies bool
	Met     bool
	Hours   float64
}

// Standings evaluates one rule for many people in the calendar year of asOf, and sums their training hours whose
// first day falls within [from, to]; what is on file is read by the same few queries whatever their number.
func (s *ComplianceService) Standings(ctx context.Context, ids []uuid.UUID, ruleID string, from, to, asOf database.Date) (map[uuid.UUID]Standing, error) {
	out := map[uuid.UUID]Standing{}
	if len(ids) == 0 {
		return out, nil
	}
	emps, err := s.directory.Employments(ctx, ids)
	if err != nil {
		return nil, err
	}
	recs, err := s.records(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, e := range emps {
		var st Standing
		for _, r := range recs[e.PersonID] {
			if !r.Date.Before(from.Time) && !r.Date.After(to.Time) {
				st.Hours += r.Hours
			}
		}
		for _, r := range s.evaluate(e, recs[e.PersonID], asOf.Year(), asOf) {
			if r.RuleID == ruleID {
				st.Applies, st.Met = r.Applies, r.State == requirement.StateMet
			}
		}
		out[e.PersonID] = st
	}
	return out, nil
}
