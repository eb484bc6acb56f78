package demo

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/notification"
	"github.com/rozvoj/rozvoj/internal/plan"
)

// planStory is one development plan (IPV) of a demo person: for the calendar year yearsAgo before this one, in
// the given state.
type planStory struct {
	yearsAgo int
	state    string
}

var planStories = map[string][]planStory{
	"Jana Nováková":      {{1, plan.Closed}, {0, plan.Approved}}, // one action late, one done
	"Kateřina Veselá":    {{0, plan.Proposed}},                   // waits for her lead's approval
	"Markéta Horáková":   {{0, plan.Draft}},
	"Hana Pokorná":       {{0, plan.Returned}},
	"Lenka Marková":      {{1, plan.Closed}, {0, plan.Approved}},
	"Michaela Jelínková": {{0, plan.Proposed}},
	"Alena Fialová":      {{0, plan.Approved}},
	"Klára Urbanová":     {{0, plan.Approved}},
}

// seedPlans writes a person's plans as their stories tell; goals aim at the competencies where their latest
// agreed level is furthest below what their position expects.
func seedPlans(ctx context.Context, tx bun.Tx, name string, person, lead uuid.UUID, latest map[uuid.UUID]int, expected map[uuid.UUID]*int, now time.Time) error {
	type gap struct {
		competency uuid.UUID
		by         int
	}
	var gaps []gap
	for cid, level := range latest {
		if e := expected[cid]; e != nil && *e > level {
			gaps = append(gaps, gap{cid, *e - level})
		}
	}
	slices.SortFunc(gaps, func(a, b gap) int {
		return cmp.Or(b.by-a.by, cmp.Compare(a.competency.String(), b.competency.String()))
	})
	for _, st := range planStories[name] {
		year := now.Year() - st.yearsAgo
		start, end := database.NewDate(year, 1, 1), database.NewDate(year, 12, 31)
		within := func(t time.Time) database.Date {
			if t.Before(start.Time) {
				t = start.Time
			} else if t.After(end.Time) {
				t = end.Time
			}
			return database.NewDate(t.Year(), t.Month(), t.Day())
		}
		pl := &plan.Plan{ID: uuid.Must(uuid.NewV7()), PersonID: person, PeriodStart: start, PeriodEnd: end, State: st.state, Version: 6,
			Note:      "Rozvoj v oblastech, kde se sebehodnocení a hodnocení vedoucí nejvíc liší od profilu pozice.",
			CreatedAt: start.AddDate(0, 0, 20), UpdatedAt: now.AddDate(0, 0, -3)}
		switch st.state {
		case plan.Approved, plan.Closed:
			pl.ApprovedBy, pl.ApprovedAt, pl.LeadComment = &lead, ptr(start.AddDate(0, 1, 0)), "Souhlasím, na kurz vás uvolním."
		case plan.Returned:
			pl.LeadComment = "Doplňte prosím ke každému cíli, jak poznáte, že jste ho dosáhla."
		}
		if st.state == plan.Closed {
			pl.ClosedAt = ptr(end.AddDate(0, 0, -5))
			pl.Evaluation = "Kurz absolvován, supervize pravidelně; v práci s rodinou se cítím jistější. Pokračovat mentoringem."
		}
		if _, err := tx.NewInsert().Model(pl).Exec(ctx); err != nil {
			return err
		}
		goals := make([]plan.Goal, 0, 2)
		for i, g := range gaps[:min(2, len(gaps))] {
			goals = append(goals, plan.Goal{ID: uuid.Must(uuid.NewV7()), PlanID: pl.ID, CompetencyID: g.competency,
				TargetLevel: *expected[g.competency], Reason: []string{
					"Při hodnoticím rozhovoru jsme se shodly, že tady potřebuji nejvíc posílit.",
					"Chci být jistější při jednání s rodinou v konfliktu.",
				}[i]})
		}
		if len(goals) > 0 {
			if _, err := tx.NewInsert().Model(&goals).Exec(ctx); err != nil {
				return err
			}
		}
		goalOf := func(i int) *uuid.UUID {
			if i < len(goals) {
				return &goals[i].ID
			}
			return nil
		}
		actions := []plan.Action{
			{Kind: "course", Title: "Kurz Rozhovor s dítětem (16 h, akreditovaný MPSV)", GoalID: goalOf(0), DueOn: within(start.AddDate(0, 4, 0))},
			{Kind: "supervision", Title: "Skupinová supervize týmu jednou za dva měsíce", DueOn: within(now.AddDate(0, 0, -25))},
			{Kind: "mentoring", Title: "Mentoring s vedoucí: vedení případové konference", GoalID: goalOf(1), DueOn: within(now.AddDate(0, 0, 40))},
			{Kind: "self_study", Title: "Samostudium: metodika MPSV k individuálnímu plánu ochrany dítěte", DueOn: end},
		}
		for i := range actions {
			a := &actions[i]
			a.ID, a.PlanID = uuid.Must(uuid.NewV7()), pl.ID
			// In a closed plan all was done; in an approved one, what fell due before the late supervision.
			if st.state == plan.Closed || (st.state == plan.Approved && i == 0 && a.DueOn.Before(now)) {
				a.DoneAt, a.DoneBy = ptr(a.DueOn.AddDate(0, 0, -3)), &person
				a.Evidence = "Osvědčení o absolvování je v osobním spisu."
			}
		}
		if _, err := tx.NewInsert().Model(&actions).Exec(ctx); err != nil {
			return err
		}
		if st.state == plan.Proposed {
			err := notification.Notify(ctx, tx, notification.Notice{Kind: notification.PlanProposed, RecipientID: lead, ActorID: &person,
				Entity: "plan", EntityID: pl.ID, Link: "/tym/plany/" + pl.ID.String(),
				Params: map[string]string{"person_name": name, "period_start": start.String(), "period_end": end.String()}})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
