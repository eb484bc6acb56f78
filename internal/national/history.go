package national

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/plan"
	"github.com/rozvoj/rozvoj/internal/supervision"
	"github.com/rozvoj/rozvoj/internal/support"
	"github.com/rozvoj/rozvoj/internal/training"
)

// writePlans gives every assessment its development plan (IPV) for the twelve months after it: two goals on
// competencies below the top level and three actions. Past plans are closed with their actions done; the
// current ones are mostly approved, some still proposed or drafts.
func (w *world) writePlans(tx bun.Tx) ([]Count, error) {
	plans := newSink[plan.Plan](w.gen, tx)
	goals := newSink[plan.Goal](w.gen, tx)
	actions := newSink[plan.Action](w.gen, tx)
	goals.before = plans.flush
	actions.before = goals.flush
	for i := range w.people {
		p := &w.people[i]
		if p.team < 0 {
			continue
		}
		lead := w.teams[p.team].lead
		for _, ay := range p.assessed {
			start := database.NewDate(ay.at.Date())
			end := start.AddDate(1, 0, -1)
			pl := plan.Plan{ID: w.id(), PersonID: p.user.ID, PeriodStart: start, PeriodEnd: database.NewDate(end.Date()),
				State: plan.Approved, Version: 4, Note: "Rozvoj v oblastech, kde je úroveň nejdál od profilu pozice.",
				CreatedAt: ay.at, UpdatedAt: ay.at.AddDate(0, 0, 14)}
			closed := end.Before(w.now)
			switch {
			case closed:
				pl.State, pl.ClosedAt, pl.Evaluation = plan.Closed, ptr(end.AddDate(0, 0, -5)), "Cíle splněny, pokračovat."
			case w.rnd.IntN(10) == 0:
				pl.State = plan.Proposed
			case w.rnd.IntN(10) == 0:
				pl.State = plan.Draft
			}
			if pl.State == plan.Approved || pl.State == plan.Closed {
				pl.ApprovedBy, pl.ApprovedAt = &lead, ptr(ay.at.AddDate(0, 0, 14))
			}
			if err := plans.add(pl); err != nil {
				return nil, err
			}
			var goalIDs []uuid.UUID
			for _, c := range w.rnd.Perm(len(ay.levels)) {
				if len(goalIDs) == 2 {
					break
				}
				if ay.levels[c] < 4 {
					g := plan.Goal{ID: w.id(), PlanID: pl.ID, CompetencyID: w.competencies[c], TargetLevel: ay.levels[c] + 1,
						Reason: "Shodli jsme se na tom při hodnoticím rozhovoru."}
					goalIDs = append(goalIDs, g.ID)
					if err := goals.add(g); err != nil {
						return nil, err
					}
				}
			}
			for k, kind := range []string{"course", "supervision", "mentoring"} {
				a := plan.Action{ID: w.id(), PlanID: pl.ID, Kind: kind, Title: actionTitles[k],
					DueOn: database.NewDate(start.AddDate(0, 3*(k+1), 0).Date())}
				if k != 1 && len(goalIDs) > k/2 {
					a.GoalID = &goalIDs[k/2]
				}
				if closed {
					a.DoneAt, a.DoneBy, a.Evidence = ptr(a.DueOn.AddDate(0, 0, -3)), &p.user.ID, "Osvědčení je v osobním spisu."
				}
				if err := actions.add(a); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, s := range []func() error{plans.flush, goals.flush, actions.flush} {
		if err := s(); err != nil {
			return nil, err
		}
	}
	return []Count{{"plans", plans.n}, {"plan_goals", goals.n}, {"plan_actions", actions.n}}, nil
}

var actionTitles = []string{"Akreditovaný kurz k cíli", "Skupinová supervize týmu", "Mentoring s vedoucí"}

// attendance is a row of the attendance table; training keeps its model unexported behind the recording workflow.
type attendance struct {
	bun.BaseModel `bun:"table:attendance"`

	RegistrationID uuid.UUID `bun:"registration_id"`
	SessionID      uuid.UUID `bun:"session_id"`
	Status         string    `bun:"status"`
	Minutes        *int      `bun:"minutes"`
	RecordedBy     uuid.UUID `bun:"recorded_by"`
	RecordedAt     time.Time `bun:"recorded_at"`
}

// writeTraining makes ten courses per provider, most accredited, and sessions spread over the five years and the
// next three months, filled with people of the provider's region; held sessions have their attendance closed.
func (w *world) writeTraining(tx bun.Tx) ([]Count, error) {
	type courseRef struct {
		course  training.Course
		trainer uuid.UUID
		region  string
	}
	var courses []courseRef
	var links []training.CourseCompetency
	for _, pi := range w.providers {
		prov := w.orgs[pi]
		for k := range 10 {
			title := fmt.Sprintf("%s (%s)", courseTopic[(k+pi)%len(courseTopic)], prov.Name)
			hours := 8 * (1 + w.rnd.IntN(2))
			c := training.Course{ID: w.id(), ProviderID: prov.ID, Title: title, Description: "Kurz pro pracovníky OSPOD.",
				Form: "course", Hours: hours, Published: true, SearchText: title, Version: 1, CreatedAt: prov.CreatedAt, UpdatedAt: prov.CreatedAt}
			if w.rnd.IntN(10) < 7 {
				c.AccreditationNumber = ptr(fmt.Sprintf("A%d/%04d-SP", w.now.Year()-5, len(courses)+1))
				c.AccreditedFrom, c.AccreditedUntil = ptr(database.NewDate(w.now.Year()-6, 1, 1)), ptr(database.NewDate(w.now.Year()+2, 12, 31))
			}
			for _, ci := range w.rnd.Perm(len(w.competencies))[:2] {
				links = append(links, training.CourseCompetency{CourseID: c.ID, CompetencyID: w.competencies[ci], TargetLevel: 3})
			}
			trainers := w.trainers[prov.ID]
			courses = append(courses, courseRef{c, trainers[w.rnd.IntN(len(trainers))], *prov.RegionCode})
		}
	}
	cs := make([]training.Course, len(courses))
	for i, c := range courses {
		cs[i] = c.course
	}
	if err := insertAll(w.gen, tx, cs); err != nil {
		return nil, err
	}
	if err := insertAll(w.gen, tx, links); err != nil {
		return nil, err
	}
	var everyone []int
	for _, t := range w.teams {
		everyone = append(everyone, t.members...)
	}
	sessions := newSink[training.Session](w.gen, tx)
	regs := newSink[training.Registration](w.gen, tx)
	att := newSink[attendance](w.gen, tx)
	regs.before = sessions.flush
	att.before = regs.flush
	span := 5*365 + 90
	for range w.scaled(20000, 10) {
		c := courses[w.rnd.IntN(len(courses))]
		day := w.now.AddDate(-5, 0, w.rnd.IntN(span))
		starts := time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, time.UTC)
		ends := starts.Add(time.Duration(c.course.Hours-1) * time.Hour)
		if c.course.Hours > 8 {
			ends = starts.Add(24*time.Hour + 7*time.Hour)
		}
		place := places[w.rnd.IntN(len(places))]
		s := training.Session{ID: w.id(), CourseID: c.course.ID, StartsAt: starts, EndsAt: ends, Place: place, PlaceSearch: place,
			Capacity: 18 + w.rnd.IntN(9), RegistrationDeadline: starts.AddDate(0, 0, -7), Price: 500 * w.rnd.IntN(5),
			Status: training.Open, Version: 1, CreatedAt: starts.AddDate(0, -2, 0), UpdatedAt: starts.AddDate(0, -2, 0)}
		held := ends.Before(w.now)
		if held {
			s.Status, s.ClosedAt = training.Held, ptr(ends.Add(24*time.Hour))
		}
		if err := sessions.add(s); err != nil {
			return nil, err
		}
		pool := w.byRegion[c.region]
		if len(pool) < 40 {
			pool = everyone
		}
		for _, pi := range w.sample(pool, s.Capacity-w.rnd.IntN(6)) {
			r := training.Registration{ID: w.id(), SessionID: s.ID, PersonID: w.people[pi].user.ID, Status: training.Confirmed,
				CreatedAt: starts.AddDate(0, 0, -20-w.rnd.IntN(30))}
			if err := regs.add(r); err != nil {
				return nil, err
			}
			if !held {
				continue
			}
			a := attendance{RegistrationID: r.ID, SessionID: s.ID, Status: training.Present, RecordedBy: c.trainer, RecordedAt: ends}
			switch w.rnd.IntN(20) {
			case 0:
				a.Status, a.Minutes = training.Partial, ptr(c.course.Hours*30)
			case 1:
				a.Status = training.Absent
			case 2:
				a.Status = training.Excused
			}
			if err := att.add(a); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range []func() error{sessions.flush, regs.flush, att.flush} {
		if err := s(); err != nil {
			return nil, err
		}
	}
	return []Count{{"courses", len(cs)}, {"course_competencies", len(links)}, {"training_sessions", sessions.n},
		{"registrations", regs.n}, {"attendance", att.n}}, nil
}

// sample draws up to k distinct elements of pool.
func (w *world) sample(pool []int, k int) []int {
	k = min(k, len(pool))
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		i := pool[w.rnd.IntN(len(pool))]
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// writeSupervision gives every team supervision every six weeks over the five years and the next three months,
// with one supervisor, and every member a yearly individual supervision; past sessions are confirmed (one in
// twenty cancelled, one participant in ten absent).
func (w *world) writeSupervision(tx bun.Tx) ([]Count, error) {
	sessions := newSink[supervision.Session](w.gen, tx)
	parts := newSink[supervision.Participant](w.gen, tx)
	parts.before = sessions.flush
	add := func(t team, kind string, supervisor uuid.UUID, starts time.Time, hours int, members []int) error {
		ends := starts.Add(time.Duration(hours) * time.Hour)
		s := supervision.Session{ID: w.id(), TeamID: t.team.ID, Kind: kind, SupervisorID: supervisor, StartsAt: starts, EndsAt: ends,
			Place: "Zasedací místnost", Status: supervision.Planned, CreatedBy: t.lead, Version: 1,
			CreatedAt: starts.AddDate(0, -3, 0), UpdatedAt: starts.AddDate(0, -3, 0)}
		past := ends.Before(w.now)
		switch {
		case past && w.rnd.IntN(20) == 0:
			s.Status = supervision.Cancelled
		case past:
			s.Status, s.ConfirmedBy, s.ConfirmedAt, s.Version = supervision.Held, &supervisor, ptr(ends.Add(2*time.Hour)), 2
		}
		if err := sessions.add(s); err != nil {
			return err
		}
		for _, m := range members {
			pp := supervision.Participant{SessionID: s.ID, PersonID: w.people[m].user.ID}
			if s.Status == supervision.Held {
				pp.Attended = ptr(w.rnd.IntN(10) != 0)
			}
			if err := parts.add(pp); err != nil {
				return err
			}
		}
		return nil
	}
	first := w.now.AddDate(-5, 0, 0)
	until := w.now.AddDate(0, 3, 0)
	for _, t := range w.teams {
		supervisor := w.supervisors[w.rnd.IntN(len(w.supervisors))]
		d := first.AddDate(0, 0, w.rnd.IntN(42))
		for ; d.Before(until); d = d.AddDate(0, 0, 42) {
			if err := add(t, "team", supervisor, time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, time.UTC), 2, t.members); err != nil {
				return nil, err
			}
		}
		for _, m := range t.members {
			for y := range 5 {
				d := w.now.AddDate(-y, 0, -w.rnd.IntN(365)+60)
				if d.Before(w.people[m].hired) {
					continue
				}
				at := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
				if err := add(t, "individual", supervisor, at, 1, []int{m}); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, s := range []func() error{sessions.flush, parts.flush} {
		if err := s(); err != nil {
			return nil, err
		}
	}
	return []Count{{"supervision_sessions", sessions.n}, {"supervision_participants", parts.n}}, nil
}

// writeSupport logs two years of support for every team member but the lead, about one entry every four weeks,
// of kinds and lengths that vary.
func (w *world) writeSupport(tx bun.Tx) ([]Count, error) {
	entries := newSink[support.Entry](w.gen, tx)
	for _, t := range w.teams {
		for _, m := range t.members[1:] {
			for week := w.rnd.IntN(4); week < 104; week += 3 + w.rnd.IntN(3) {
				day := w.now.AddDate(0, 0, -7*week-w.rnd.IntN(5))
				e := support.Entry{ID: w.id(), PersonID: w.people[m].user.ID, Date: database.NewDate(day.Date()),
					Minutes: 30 + 15*w.rnd.IntN(6), Kind: support.Kinds[w.rnd.IntN(len(support.Kinds))], Version: 1,
					CreatedAt: day, UpdatedAt: day}
				if err := entries.add(e); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := entries.flush(); err != nil {
		return nil, err
	}
	return []Count{{"support_entries", entries.n}}, nil
}
