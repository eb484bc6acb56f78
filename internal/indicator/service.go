package indicator

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/supervision"
	"github.com/rozvoj/rozvoj/internal/support"
	"github.com/rozvoj/rozvoj/internal/training"
)

// Compliance is what the indicators need of the compliance engine.
type Compliance interface {
	Standings(ctx context.Context, ids []uuid.UUID, ruleID string, from, to, asOf database.Date) (map[uuid.UUID]training.Standing, error)
}

// Service computes the indicators. It only reads.
type Service struct {
	db         bun.IDB
	compliance Compliance
	frameworks Frameworks
}

// Frameworks names the competency domains, which the gap indicator carries by code only.
type Frameworks interface {
	DomainNames(ctx context.Context) (map[string]string, error)
}

// NewService makes the service.
func NewService(db bun.IDB, compliance Compliance, frameworks Frameworks) *Service {
	return &Service{db: db, compliance: compliance, frameworks: frameworks}
}

var prague = database.Prague

var periodPattern = regexp.MustCompile(`^([0-9]{4})(?:-Q([1-4]))?$`)

// period reads "2026" or "2026-Q3" into its first and last day; years from 2000 to next year.
func period(s string, today time.Time) (from, to database.Date, err error) {
	m := periodPattern.FindStringSubmatch(s)
	if m == nil {
		return from, to, httpx.FieldInvalid("period", "format", "The period is a year (2026) or a quarter (2026-Q3).")
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > today.Year()+1 {
		return from, to, httpx.FieldInvalid("period", "range", "The year is between 2000 and next year.")
	}
	first, months := time.January, 12
	if m[2] != "" {
		q, _ := strconv.Atoi(m[2])
		first, months = time.Month(3*q-2), 3
	}
	from = database.NewDate(y, first, 1)
	end := from.AddDate(0, months, -1)
	return from, database.NewDate(end.Year(), end.Month(), end.Day()), nil
}

// Get answers the indicators of one scope and period. The cells of every organisation of the region are computed
// even for one organisation, since whether its cell is shown depends on its neighbours (suppress.go).
func (s *Service) Get(ctx context.Context, p *auth.Principal, q Query) (*Indicators, error) {
	now := database.Now().In(prague)
	from, to, err := period(q.Period, now)
	if err != nil {
		return nil, err
	}
	out := &Indicators{Scope: q.Scope, ID: q.ID, Period: q.Period, From: from, To: to, Indicators: []Value{}}
	var orgs []organization
	var only *uuid.UUID // the organisation asked for; nil for the region
	switch q.Scope {
	case ScopeOrganization:
		id, err := uuid.Parse(q.ID)
		if err != nil {
			return nil, httpx.FieldInvalid("id", "uuid", "An organisation is named by its UUID.")
		}
		o, err := organizationByID(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		if o == nil || !seesOrganization(p, *o) {
			return nil, errNotFound
		}
		out.Name, only, orgs = o.Name, &o.ID, []organization{*o}
		if o.RegionCode != nil {
			if orgs, err = regionOrganizations(ctx, s.db, *o.RegionCode); err != nil {
				return nil, err
			}
		}
	case ScopeRegion:
		if !seesRegion(p, q.ID) {
			return nil, errNotFound
		}
		if orgs, err = regionOrganizations(ctx, s.db, q.ID); err != nil {
			return nil, err
		}
		if len(orgs) == 0 {
			return nil, errNotFound
		}
		out.Name = directory.RegionName(q.ID)
	}
	all, err := s.series(ctx, orgs, from, to, now)
	if err != nil {
		return nil, err
	}
	var shown []*series
	for _, sr := range all {
		if q.Indicator == "" || sr.indicator == q.Indicator {
			shown = append(shown, sr)
			out.Indicators = append(out.Indicators, sr.cell(only))
		}
	}
	if only != nil {
		return out, nil
	}
	out.Organizations = []OrganizationIndicators{}
	for _, o := range orgs {
		if o.Kind == "provider" || o.Kind == "ministry" {
			continue
		}
		row := OrganizationIndicators{ID: o.ID, Name: o.Name, Indicators: make([]Value, len(shown))}
		for i, sr := range shown {
			row.Indicators[i] = sr.cell(&o.ID)
		}
		out.Organizations = append(out.Organizations, row)
	}
	return out, nil
}

// sample is what one person adds to a value: x out of of (of is 1 but for a rate over someone's records).
type sample struct{ x, of float64 }

// series is one indicator over the organisations of a region: per organisation, one sample per person it
// describes, and how the samples make the value.
type series struct {
	indicator, kind, unit string
	aggregate             func([]sample) float64
	samples               map[uuid.UUID][]sample // by organisation, every organisation present
	// people is how many people some samples describe: one each, unless the samples are of something else.
	people func([]sample) int
	hidden map[uuid.UUID]bool // the organisations whose cell suppress.go hides, once asked
}

func newSeries(indicator, kind, unit string, aggregate func([]sample) float64, orgs []organization) *series {
	sr := &series{indicator: indicator, kind: kind, unit: unit, aggregate: aggregate, samples: map[uuid.UUID][]sample{},
		people: func(xs []sample) int { return len(xs) }}
	for _, o := range orgs {
		sr.samples[o.ID] = nil
	}
	return sr
}

// cell is the value of one organisation (or of all of them when org is nil), suppressed as suppress.go says.
func (sr *series) cell(org *uuid.UUID) Value {
	v := Value{Indicator: sr.indicator, Kind: sr.kind, Unit: sr.unit}
	var xs []sample
	if org == nil {
		for _, s := range sr.samples {
			xs = append(xs, s...)
		}
	} else {
		if sr.hidden == nil {
			n := map[uuid.UUID]int{}
			for id, s := range sr.samples {
				n[id] = sr.people(s)
			}
			sr.hidden = suppressed(n)
		}
		if sr.hidden[*org] {
			v.Suppressed = true
			return v
		}
		xs = sr.samples[*org]
	}
	k := sr.people(xs)
	if k < MinCell {
		v.Suppressed = true
		return v
	}
	x := sr.aggregate(xs)
	v.Value, v.N = &x, &k
	return v
}

// mean is the sum of x over the sum of of: a mean, a share or a rate.
func mean(xs []sample) float64 {
	x, of := 0.0, 0.0
	for _, s := range xs {
		x, of = x+s.x, of+s.of
	}
	return x / of
}

func median(xs []sample) float64 {
	s := make([]float64, len(xs))
	for i, v := range xs {
		s[i] = v.x
	}
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func sum(xs []sample) float64 {
	total := 0.0
	for _, s := range xs {
		total += s.x
	}
	return total
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// series computes every indicator over the workers of some organisations.
func (s *Service) series(ctx context.Context, orgs []organization, from, to database.Date, now time.Time) ([]*series, error) {
	ids := make([]uuid.UUID, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	people, err := workers(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	pids := make([]uuid.UUID, len(people))
	for i, w := range people {
		pids[i] = w.ID
	}
	// An assessment counts when agreed within the twelve months that end with the period's last day in Prague.
	end := time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, prague)
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, prague)
	asOf := to
	if today := database.NewDate(now.Year(), now.Month(), now.Day()); today.Before(to.Time) {
		asOf = today
	}
	org := map[uuid.UUID]uuid.UUID{}
	for _, w := range people {
		org[w.ID] = w.OrganizationID
	}
	var (
		agreed, approved map[uuid.UUID]bool
		standings        map[uuid.UUID]training.Standing
		gapped           []gapRow
		logged           []supportRow
		sessions         []fillRow
		coverage         *series
	)
	err = s.each(ctx,
		func(ctx context.Context) (err error) {
			agreed, err = agreedBetween(ctx, s.db, pids, end.AddDate(-1, 0, 0).UTC(), end.UTC())
			return err
		},
		func(ctx context.Context) (err error) {
			approved, err = approvedOn(ctx, s.db, pids, to.Format(time.DateOnly))
			return err
		},
		func(ctx context.Context) (err error) {
			standings, err = s.compliance.Standings(ctx, pids, rule111, from, to, asOf)
			return err
		},
		func(ctx context.Context) (err error) {
			gapped, err = gaps(ctx, s.db, pids, end.UTC())
			return err
		},
		func(ctx context.Context) (err error) {
			logged, err = supportMinutes(ctx, s.db, pids, from.Format(time.DateOnly), to.Format(time.DateOnly))
			return err
		},
		func(ctx context.Context) (err error) {
			coverage, err = s.coverage(ctx, ids, org, orgs, start, end, now)
			return err
		},
		func(ctx context.Context) (err error) {
			sessions, err = fills(ctx, s.db, ids, start.UTC(), end.UTC())
			return err
		},
	)
	if err != nil {
		return nil, err
	}
	minutes := map[uuid.UUID]map[string]int{}
	for _, r := range logged {
		if minutes[r.PersonID] == nil {
			minutes[r.PersonID] = map[string]int{}
		}
		minutes[r.PersonID][r.Kind] = r.Minutes
	}
	agreedS := newSeries(AssessmentAgreed, "", UnitShare, mean, orgs)
	approvedS := newSeries(PlanApproved, "", UnitShare, mean, orgs)
	metS := newSeries(Compliance111, "", UnitShare, mean, orgs)
	hoursMean := newSeries(TrainingHoursMean, "", UnitHours, mean, orgs)
	hoursMedian := newSeries(TrainingHoursMedian, "", UnitHours, median, orgs)
	noShow := newSeries(TrainingNoShow, "", UnitShare, mean, orgs)
	// A session adds its taken seats over its seats; the people it describes are those who took them.
	fill := newSeries(TrainingFillRate, "", UnitShare, mean, orgs)
	fill.people = func(xs []sample) int {
		n := 0.0
		for _, s := range xs {
			n += s.x
		}
		return int(n)
	}
	for _, r := range sessions {
		fill.samples[r.ProviderID] = append(fill.samples[r.ProviderID], sample{float64(r.Confirmed), float64(r.Capacity)})
	}
	out := []*series{agreedS, approvedS, metS, hoursMean, hoursMedian, noShow, fill}
	kinds := map[string]*series{}
	for _, k := range support.Kinds {
		kinds[k] = newSeries(SupportHours, k, UnitHours, sum, orgs)
		out = append(out, kinds[k])
	}
	domains := map[string]*series{}
	for _, r := range gapped {
		if domains[r.Domain] == nil {
			domains[r.Domain] = newSeries(GapMean, r.Domain, UnitLevel, mean, orgs)
		}
		domains[r.Domain].samples[org[r.PersonID]] = append(domains[r.Domain].samples[org[r.PersonID]], sample{r.Gap, 1})
	}
	for _, code := range slices.Sorted(maps.Keys(domains)) {
		out = append(out, domains[code])
	}
	out = append(out, coverage)
	for _, w := range people {
		add := func(sr *series, x float64) {
			sr.samples[w.OrganizationID] = append(sr.samples[w.OrganizationID], sample{x, 1})
		}
		add(agreedS, flag(agreed[w.ID]))
		add(approvedS, flag(approved[w.ID]))
		st := standings[w.ID]
		if st.Applies {
			add(metS, flag(st.Met))
		}
		add(hoursMean, st.Hours)
		add(hoursMedian, st.Hours)
		if st.Recorded > 0 {
			noShow.samples[w.OrganizationID] = append(noShow.samples[w.OrganizationID], sample{float64(st.Absent), float64(st.Recorded)})
		}
		for _, k := range support.Kinds {
			add(kinds[k], float64(minutes[w.ID][k])/60)
		}
	}
	return out, nil
}

// each runs independent reads at once, each on its own connection of the pool, so that a region's answer takes
// about as long as its slowest query rather than their sum; within a transaction, which is one connection, one
// after another.
func (s *Service) each(ctx context.Context, reads ...func(context.Context) error) error {
	if _, tx := s.db.(bun.Tx); tx {
		for _, read := range reads {
			if err := read(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	g, ctx := errgroup.WithContext(ctx)
	for _, read := range reads {
		g.Go(func() error { return read(ctx) })
	}
	return g.Wait()
}

// coverage is the share of the policed teams whose longest stretch without a held team session within the period
// (up to now when it has not ended) stays within their organisation's interval, judged as the team standing judges
// it (supervision.LongestGap). Teams identify no one, so a team adds one sample per member among the workers (org),
// each weighing 1/members: the value is a share of teams and n the people in them, for the small-cell rule.
func (s *Service) coverage(ctx context.Context, ids []uuid.UUID, org map[uuid.UUID]uuid.UUID, orgs []organization, start, end, now time.Time) (*series, error) {
	sr := newSeries(SupervisionCoverage, "", UnitShare, mean, orgs)
	if now.Before(end) {
		end = now
	}
	if end.Before(start) {
		return sr, nil
	}
	teams, err := policedTeams(ctx, s.db, ids)
	if err != nil || len(teams) == 0 {
		return sr, err
	}
	tids := make([]uuid.UUID, len(teams))
	for i, t := range teams {
		tids[i] = t.ID
	}
	members, err := teamMembers(ctx, s.db, tids)
	if err != nil {
		return nil, err
	}
	sessions, err := heldTeamSessions(ctx, s.db, tids, end.UTC())
	if err != nil {
		return nil, err
	}
	held := map[uuid.UUID][]time.Time{}
	for _, r := range sessions {
		held[r.TeamID] = append(held[r.TeamID], r.StartsAt)
	}
	workers := map[uuid.UUID][]uuid.UUID{}
	for _, m := range members {
		if _, ok := org[m.UserID]; ok {
			workers[m.TeamID] = append(workers[m.TeamID], m.UserID)
		}
	}
	for _, t := range teams {
		k := float64(len(workers[t.ID]))
		longest, _ := supervision.LongestGap(held[t.ID], start, end)
		within := flag(longest <= t.Weeks*7)
		for range workers[t.ID] {
			sr.samples[t.OrganizationID] = append(sr.samples[t.OrganizationID], sample{within / k, 1 / k})
		}
	}
	return sr, nil
}
