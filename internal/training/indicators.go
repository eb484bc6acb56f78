package training

import (
	"context"
	"fmt"
	"slices"
	"time"

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
// first day falls within [from, to]; what is on file is read by the same few queries whatever their number. A rule
// counted per calendar year needs only the records of that year (and of the period), which a region's indicators
// read for a thousand people at once; any other rule reads them all.
func (s *ComplianceService) Standings(ctx context.Context, ids []uuid.UUID, ruleID string, from, to, asOf database.Date) (map[uuid.UUID]Standing, error) {
	out := map[uuid.UUID]Standing{}
	if len(ids) == 0 {
		return out, nil
	}
	var rule []requirement.Rule
	for _, r := range s.rules {
		if r.ID == ruleID {
			rule = append(rule, r)
		}
	}
	if len(rule) == 0 {
		return nil, fmt.Errorf("no compliance rule %q", ruleID)
	}
	var w window
	if !slices.ContainsFunc(rule, func(r requirement.Rule) bool { return r.Kind != requirement.HoursPerYear }) {
		w = window{from: database.NewDate(asOf.Year(), time.January, 1), to: database.NewDate(asOf.Year(), time.December, 31)}
		if from.Before(w.from.Time) {
			w.from = from
		}
		if to.After(w.to.Time) {
			w.to = to
		}
	}
	emps, err := s.directory.Employments(ctx, ids)
	if err != nil {
		return nil, err
	}
	recs, err := s.recordsWithin(ctx, ids, w)
	if err != nil {
		return nil, err
	}
	for _, e := range emps {
		var st Standing
		in := make([]requirement.Record, len(recs[e.PersonID]))
		for i, r := range recs[e.PersonID] {
			in[i] = r.Record
			if !r.Date.Before(from.Time) && !r.Date.After(to.Time) {
				st.Hours += r.Hours
			}
		}
		for _, r := range requirement.Evaluate(rule, personOf(e), in, asOf.Year(), asOf.Time) {
			st.Applies, st.Met = r.Applies, r.State == requirement.StateMet
		}
		out[e.PersonID] = st
	}
	return out, nil
}
