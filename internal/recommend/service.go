package recommend

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // sessions' days are Prague days, whatever zone data the machine has

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/plan"
	"github.com/rozvoj/rozvoj/internal/training"
)

// Service reads a person's gaps (the assessments), their current plan and the catalogue, and books a session in
// the plan and at the provider in one transaction, through the plan and training services built on it.
type Service struct {
	db          bun.IDB
	dir         *directory.Service
	fw          *framework.Service
	assessments *assessment.Service
	plans       *plan.Service
	baseURL     string
}

// NewService wires recommendations to the directory, the competency model, the assessments; baseURL is what the
// training service it builds for a booking needs (config BaseURL).
func NewService(db bun.IDB, dir *directory.Service, fw *framework.Service, assessments *assessment.Service, baseURL string) *Service {
	return &Service{db: db, dir: dir, fw: fw, assessments: assessments, plans: plan.NewService(db, dir, fw, assessments), baseURL: baseURL}
}

// NoPlanWindow is how far ahead sessions are looked for when the person has no current plan.
const NoPlanWindow = 12 // months

var prague = database.Prague

// gap is what is left to develop in one competency: from the agreed level up to the expected one.
type gap struct{ expected, agreed int }

// situation is what both the list and an acceptance start from: the person's gaps, the current plan the caller
// sees, and the window sessions must fall within.
type situation struct {
	gaps     map[uuid.UUID]gap
	plan     *plan.Plan
	window   window
	from, to database.Date
}

// situationOf reads the person's profile (the person and the leads of their teams; anyone else 404, as the
// profile answers), their current plan and the window: from today to the end of the plan's period (it holds
// today), else 12 months on.
func (s *Service) situationOf(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*situation, error) {
	prof, err := s.assessments.Profile(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	st := &situation{gaps: map[uuid.UUID]gap{}}
	for _, c := range prof.Competencies {
		if c.Gap != nil && *c.Gap > 0 && c.AgreedLevel != nil && c.ExpectedLevel != nil {
			st.gaps[c.CompetencyID] = gap{expected: *c.ExpectedLevel, agreed: *c.AgreedLevel}
			st.window.Competencies = append(st.window.Competencies, c.CompetencyID)
		}
	}
	if st.plan, err = s.plans.Current(ctx, p, personID); err != nil {
		return nil, err
	}
	now := database.Now()
	local := now.In(prague)
	st.from = database.NewDate(local.Year(), local.Month(), local.Day())
	st.to = database.Date{Time: st.from.AddDate(0, NoPlanWindow, 0)}
	if st.plan != nil {
		st.to = st.plan.PeriodEnd
	}
	st.window.PersonID, st.window.FrameworkID, st.window.Now = personID, prof.FrameworkID, now
	st.window.From = midnight(st.from)
	st.window.To = midnight(database.Date{Time: st.to.AddDate(0, 0, 1)})
	return st, nil
}

// midnight is the instant a Prague day begins.
func midnight(d database.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, prague).UTC()
}

// ranked turns the candidate rows into recommendations, best first: by the gap covered, then the sooner start,
// then fewer hours.
func (st *situation) ranked(rows []candidate) []Recommendation {
	out := []Recommendation{}
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].SessionID != r.SessionID {
			out = append(out, Recommendation{SessionID: r.SessionID, CourseID: r.CourseID, CourseTitle: r.CourseTitle,
				Form: r.Form, Hours: r.Hours, ProviderID: r.ProviderID, ProviderName: r.ProviderName,
				AccreditationNumber: r.AccreditationNumber, StartsAt: r.StartsAt, EndsAt: r.EndsAt, Place: r.Place,
				OnlineURL: r.OnlineURL, RegistrationDeadline: r.RegistrationDeadline, Price: r.Price, SeatsFree: r.SeatsFree,
				Covers: []Covered{}})
		}
		g := st.gaps[r.CompetencyID]
		covered := min(r.TargetLevel, g.expected) - g.agreed
		if covered <= 0 { // the course aims no higher than the person already is
			continue
		}
		it := &out[len(out)-1]
		it.Covers = append(it.Covers, Covered{CompetencyID: r.CompetencyID, Code: r.Code, Name: r.Name,
			ExpectedLevel: g.expected, AgreedLevel: g.agreed, Gap: g.expected - g.agreed, TargetLevel: r.TargetLevel, Covered: covered})
		it.Score += covered
	}
	out = slices.DeleteFunc(out, func(r Recommendation) bool { return r.Score == 0 })
	for i := range out {
		it := &out[i]
		slices.SortStableFunc(it.Covers, func(a, b Covered) int { return cmp.Compare(b.Covered, a.Covered) })
		it.GoalID = st.goalFor(it.Covers)
		it.Why = why(it.Covers)
	}
	slices.SortStableFunc(out, func(a, b Recommendation) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), a.StartsAt.Compare(b.StartsAt), cmp.Compare(a.Hours, b.Hours))
	})
	return out
}

// goalFor is the plan's goal for the covered competency with the largest part covered, if the plan has one.
func (st *situation) goalFor(covers []Covered) *uuid.UUID {
	if st.plan == nil {
		return nil
	}
	for _, c := range covers {
		for _, g := range st.plan.Goals {
			if g.CompetencyID == c.CompetencyID {
				return &g.ID
			}
		}
	}
	return nil
}

// why says in Czech what the session develops: "Rozvíjí K1.2 Komunikace (chybí 2 úrovně, kurz vede k úrovni 3)."
func why(covers []Covered) string {
	parts := make([]string, len(covers))
	for i, c := range covers {
		parts[i] = fmt.Sprintf("%s %s (chybí %d %s, kurz vede k úrovni %d)", c.Code, c.Name, c.Gap, levels(c.Gap), c.TargetLevel)
	}
	return "Rozvíjí " + strings.Join(parts, "; ") + "."
}

// levels is the Czech plural of "úroveň" after a count.
func levels(n int) string {
	switch {
	case n == 1:
		return "úroveň"
	case n >= 2 && n <= 4:
		return "úrovně"
	default:
		return "úrovní"
	}
}

// recommended reads the situation and every session recommended in it, best first.
func (s *Service) recommended(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*situation, []Recommendation, error) {
	st, err := s.situationOf(ctx, p, personID)
	if err != nil {
		return nil, nil, err
	}
	rows, err := candidates(ctx, s.db, st.window)
	if err != nil {
		return nil, nil, err
	}
	return st, st.ranked(rows), nil
}

// List answers the person's recommendations, best first, at most Limit of them.
func (s *Service) List(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*Recommendations, error) {
	st, items, err := s.recommended(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	out := &Recommendations{PersonID: personID, WindowStart: st.from, WindowEnd: st.to, Items: items[:min(len(items), Limit)]}
	if st.plan != nil {
		out.Plan = &PlanRef{ID: st.plan.ID, State: st.plan.State, Version: st.plan.Version,
			PeriodStart: st.plan.PeriodStart, PeriodEnd: st.plan.PeriodEnd}
	}
	if code := plan.SessionBlocker(p, st.plan); code != "" {
		out.AcceptBlocker = &code
	}
	return out, nil
}

// Accept books a recommended session: an action in the person's current plan and a registration (a lead's is a
// nomination), in one transaction — if the registration is refused, the action goes too. Everything read from
// other services is read before the transaction opens; the plan and training services it builds on the
// transaction get the person's teams from what was read.
func (s *Service) Accept(ctx context.Context, p *auth.Principal, personID uuid.UUID, in AcceptInput) (*Accepted, error) {
	sessionID := uuid.MustParse(in.SessionID) // validated as a UUID by the binder
	st, items, err := s.recommended(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(items, func(r Recommendation) bool { return r.SessionID == sessionID })
	if i < 0 {
		return nil, httpx.FieldInvalid("session_id", "recommended",
			"Not a session recommended to this person now: it may be full, closed, already booked, outside the plan's period or not develop their gaps.")
	}
	if code := plan.SessionBlocker(p, st.plan); code != "" {
		return nil, plan.Blocked(code)
	}
	known := knownTeams{Service: s.dir, person: personID}
	if known.teams, err = s.dir.TeamsOf(ctx, personID); err != nil {
		return nil, err
	}
	if known.leads, err = s.dir.LeadsOf(ctx, known.teams); err != nil {
		return nil, err
	}
	rec := items[i]
	ends := rec.EndsAt.In(prague)
	action := plan.SessionAction{SessionID: sessionID, GoalID: rec.GoalID,
		Title: fmt.Sprintf("%s (%s)", shorten(rec.CourseTitle, 280), rec.StartsAt.In(prague).Format("2. 1. 2006")),
		DueOn: database.NewDate(ends.Year(), ends.Month(), ends.Day())}
	nominee := training.RegistrationInput{}
	if personID != p.UserID {
		nominee.PersonID = personID.String()
	}
	out := &Accepted{}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		ref := plan.Ref{Plan: st.plan.ID, Version: st.plan.Version}
		if out.Plan, out.Action, err = plan.NewService(tx, known, s.fw, s.assessments).AddSessionAction(ctx, p, ref, action); err != nil {
			return err
		}
		out.Registration, err = training.NewService(tx, known, s.fw, s.baseURL).Register(ctx, p, sessionID, nominee)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// shorten keeps a title within n characters, so the action's title stays within its limit.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// knownTeams is the directory as the services built on a transaction see it: the person's teams and their leads
// (who approve a registration where the employer asks for it) were read before the transaction opened — a second
// connection inside it can wait on writers queued behind it, on SQLite.
type knownTeams struct {
	*directory.Service
	person uuid.UUID
	teams  []uuid.UUID
	leads  []uuid.UUID
}

func (d knownTeams) TeamsOf(_ context.Context, personID uuid.UUID) ([]uuid.UUID, error) {
	if personID != d.person {
		return nil, fmt.Errorf("recommend: the teams of %s were not read before the transaction", personID)
	}
	return d.teams, nil
}

func (d knownTeams) LeadsOf(_ context.Context, teamIDs []uuid.UUID) ([]uuid.UUID, error) {
	if !slices.Equal(teamIDs, d.teams) {
		return nil, fmt.Errorf("recommend: the leads of teams %v were not read before the transaction", teamIDs)
	}
	return slices.Clone(d.leads), nil
}
