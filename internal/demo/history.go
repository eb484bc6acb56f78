package demo

import (
	"context"
	"hash/fnv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// story is a demo person's assessment history: the days ago each agreed assessment was agreed (oldest first),
// and the state of the one in progress, if any. The dates are relative to the day of seeding, so the demo
// always has people who are late, people due soon, and people with work waiting for their lead.
type story struct {
	agreedDaysAgo []int
	open          string
}

var stories = map[string]story{
	"Jana Nováková":        {agreedDaysAgo: []int{735, 383}},                             // late by a few weeks: her yearly one is next
	"Kateřina Veselá":      {agreedDaysAgo: []int{760, 395}, open: assessment.Submitted}, // waits for her lead
	"Markéta Horáková":     {agreedDaysAgo: []int{670, 310}, open: assessment.Draft},     // started early
	"Lenka Marková":        {agreedDaysAgo: []int{700, 240}},
	"Hana Pokorná":         {agreedDaysAgo: []int{720, 372}, open: assessment.Reviewed}, // the lead has answered
	"Veronika Pospíšilová": {agreedDaysAgo: []int{375}, open: assessment.Returned},      // sent back to complete
	"Michaela Jelínková":   {agreedDaysAgo: []int{610, 245}},
	"Pavel Král":           {agreedDaysAgo: []int{280}},
	"Barbora Růžičková":    {agreedDaysAgo: []int{790, 420}},
	"Alena Fialová":        {agreedDaysAgo: []int{680, 300}},
	"Monika Sedláčková":    {agreedDaysAgo: []int{770, 410}},
	"Zuzana Doležalová":    {agreedDaysAgo: []int{640, 275}},
	"Eliška Zemanová":      {agreedDaysAgo: []int{215}},
	"Jakub Navrátil":       {agreedDaysAgo: []int{700, 345}},
	"Klára Urbanová":       {agreedDaysAgo: []int{550, 190}},
	"Daniela Vaňková":      {agreedDaysAgo: []int{400}, open: assessment.Draft},
	"Ondřej Blažek":        {agreedDaysAgo: []int{330}},
}

var evidence = []string{
	"Vedla jsem tři případové konference, zápisy jsou ve spisu.",
	"Kurz Práce s rodinou v krizi (16 h), osvědčení v osobním spisu.",
	"Pravidelně konzultuji s vedoucí složité případy.",
	"Zpracovávám IPOD u všech svých klientů včas.",
	"Spolupracuji s OSPOD sousedního ORP a se školami.",
}

var leadComments = []string{
	"Souhlasím, doloženo ve spisech.",
	"Navrhuji o úroveň výš: samostatně vedete případové konference.",
	"Zde bych ještě počkala na zkušenosti z dalších případů.",
}

// seedHistory gives the demo people the assessments their stories tell, written as the workflow would have
// left them, and tells the leads what waits for them.
func seedHistory(ctx context.Context, tx bun.Tx) error {
	fws := framework.NewService(tx)
	current, err := fws.CurrentPublished(ctx)
	if err != nil {
		return err
	}
	competencies, err := fws.CompetencyIDs(ctx, current.ID)
	if err != nil {
		return err
	}
	var people []struct {
		ID         uuid.UUID  `bun:"id"`
		Name       string     `bun:"name"`
		PositionID *uuid.UUID `bun:"position_id"`
		LeadID     *uuid.UUID `bun:"lead_id"`
	}
	err = tx.NewSelect().TableExpr("users AS u").ColumnExpr("u.id, u.name, u.position_id").
		ColumnExpr("(SELECT MIN(CAST(ra.user_id AS text)) FROM team_members AS m JOIN role_assignments AS ra ON ra.team_id = m.team_id AND ra.role = 'lead' WHERE m.user_id = u.id AND ra.user_id <> u.id) AS lead_id").
		Scan(ctx, &people)
	if err != nil {
		return err
	}
	now := database.Now()
	for _, p := range people {
		st, ok := stories[p.Name]
		if !ok || p.PositionID == nil || p.LeadID == nil {
			continue
		}
		profile, err := fws.PositionProfile(ctx, *p.PositionID, &current.ID, "CZ063")
		if err != nil {
			return err
		}
		expected := map[uuid.UUID]*int{}
		for _, l := range profile.Levels {
			expected[l.CompetencyID] = l.Level
		}
		latest := map[uuid.UUID]int{}
		for k, days := range st.agreedDaysAgo {
			at := now.AddDate(0, 0, -days)
			a := &assessment.Assessment{ID: uuid.Must(uuid.NewV7()), PersonID: p.ID, FrameworkID: current.ID, State: assessment.Agreed,
				Version: 8, ReviewerID: p.LeadID, SubmittedAt: ptr(at.AddDate(0, 0, -12)), ReviewedAt: ptr(at.AddDate(0, 0, -3)), AgreedAt: &at,
				LeadComment: "Projednáno na hodnoticím rozhovoru.", CreatedAt: at.AddDate(0, 0, -30), UpdatedAt: at}
			behind := len(st.agreedDaysAgo) - 1 - k // earlier assessments show less: people grow
			rows := make([]assessment.Rating, 0, len(competencies))
			for i, cid := range competencies {
				r := rating(p.Name, cid, expected[cid], behind)
				r.AssessmentID = a.ID
				r.LeadLevel, r.LeadNotApplicable, r.AgreedLevel = r.SelfLevel, r.SelfNotApplicable, r.SelfLevel
				if i%9 == 4 {
					r.Evidence = evidence[i%len(evidence)]
				}
				if r.AgreedLevel != nil {
					latest[cid] = *r.AgreedLevel
				}
				rows = append(rows, r)
			}
			if err := insert(ctx, tx, a, rows); err != nil {
				return err
			}
		}
		if err := seedPlans(ctx, tx, p.Name, p.ID, *p.LeadID, latest, expected, now); err != nil {
			return err
		}
		if st.open != "" {
			if err := seedOpen(ctx, tx, p.Name, p.ID, *p.LeadID, st, current.ID, competencies, expected, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedOpen writes the assessment a person has in progress, in the state their story says.
func seedOpen(ctx context.Context, tx bun.Tx, name string, person, lead uuid.UUID, st story, frameworkID uuid.UUID,
	competencies []uuid.UUID, expected map[uuid.UUID]*int, now time.Time) error {
	last := now.AddDate(0, 0, -st.agreedDaysAgo[len(st.agreedDaysAgo)-1])
	due := database.NewDate(last.Year()+1, last.Month(), last.Day())
	a := &assessment.Assessment{ID: uuid.Must(uuid.NewV7()), PersonID: person, FrameworkID: frameworkID, State: st.open,
		Version: 3, DueOn: &due, CreatedAt: now.AddDate(0, 0, -20), UpdatedAt: now.AddDate(0, 0, -2)}
	if st.open != assessment.Draft {
		a.SubmittedAt = ptr(now.AddDate(0, 0, -6))
	}
	switch st.open {
	case assessment.Reviewed:
		a.ReviewerID, a.ReviewedAt, a.LeadComment = &lead, ptr(now.AddDate(0, 0, -2)), "Děkuji, u dvou kompetencí navrhuji jinou úroveň, viz komentáře."
	case assessment.Returned:
		a.ReviewerID, a.LeadComment = &lead, "Doplňte prosím doklady u oblasti práce s rodinou."
	}
	rated := competencies
	if st.open == assessment.Draft {
		rated = competencies[:len(competencies)/2]
	}
	rows := make([]assessment.Rating, 0, len(rated))
	for i, cid := range rated {
		r := rating(name, cid, expected[cid], 0)
		r.AssessmentID = a.ID
		if i%7 == 2 {
			r.Evidence = evidence[i%len(evidence)]
		}
		if st.open == assessment.Reviewed {
			r.LeadLevel, r.LeadNotApplicable = r.SelfLevel, r.SelfNotApplicable
			if i%20 == 5 && r.SelfLevel != nil && *r.SelfLevel < 4 {
				r.LeadLevel, r.LeadComment = ptr(*r.SelfLevel+1), leadComments[1]
			} else if i%20 == 11 {
				r.LeadComment = leadComments[0]
			}
		}
		rows = append(rows, r)
	}
	if err := insert(ctx, tx, a, rows); err != nil {
		return err
	}
	if st.open != assessment.Submitted {
		return nil
	}
	return notification.Notify(ctx, tx, notification.Notice{Kind: notification.AssessmentSubmitted, RecipientID: lead, ActorID: &person,
		Entity: "assessment", EntityID: a.ID, Link: "/tym/hodnoceni/" + a.ID.String()})
}

// rating is a person's own level of a competency: near what their position expects (a spread of gaps that is
// the same on every seed), lower the further back in time; some competencies a position does not expect do
// not apply.
func rating(seed string, competency uuid.UUID, expected *int, behind int) assessment.Rating {
	h := fnv.New32a()
	_, _ = h.Write([]byte(seed + competency.String()))
	n := int(h.Sum32())
	if expected == nil {
		if n%3 == 0 {
			return assessment.Rating{CompetencyID: competency, SelfNotApplicable: true}
		}
		return assessment.Rating{CompetencyID: competency, SelfLevel: ptr(1 + n%2)}
	}
	gap := []int{-1, 0, 0, 0, 1, 1, 2}[n%7]
	level := min(4, max(1, *expected-gap-behind*((n>>3)%2)))
	return assessment.Rating{CompetencyID: competency, SelfLevel: &level}
}

func insert(ctx context.Context, tx bun.Tx, a *assessment.Assessment, rows []assessment.Rating) error {
	if _, err := tx.NewInsert().Model(a).Exec(ctx); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

func ptr[T any](v T) *T { return &v }
