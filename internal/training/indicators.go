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

// Standing is what the indicators need of one person's training: whether a rule applies to them and is met as of
// a day, the hours of training they had within a period, counted as the rules count them, and of their confirmed
// registrations at sessions (not cancelled) within the period, how many had attendance recorded and how many of
// those as absent (excused is not a no-show).
type Standing struct {
	Applies          bool
	Met              bool
	Hours            float64
	Recorded, Absent int
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
	w := window{absences: true}
	if !slices.ContainsFunc(rule, func(r requirement.Rule) bool { return r.Kind != requirement.HoursPerYear }) {
		w.from, w.to = database.NewDate(asOf.Year(), time.January, 1), database.NewDate(asOf.Year(), time.December, 31)
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
		in := make([]requirement.Record, 0, len(recs[e.PersonID]))
		for _, r := range recs[e.PersonID] {
			within := !r.Date.Before(from.Time) && !r.Date.After(to.Time)
			if within && r.Attendance != "" && r.Confirmed {
				st.Recorded++
				if r.Attendance == "absent" {
					st.Absent++
				}
			}
			if !r.counts() {
				continue
			}
			in = append(in, r.Record)
			if within {
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
