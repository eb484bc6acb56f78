package plan

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/paper"
)

// Paper prints an approved or closed plan for the personnel file (SPOD standard 6b asks for a written plan):
// the person and their lead, the period, each goal with the competency's current agreed level and the target,
// the actions with what was done, the evaluation once closed, and lines for both signatures. It answers the
// PDF and the document's name.
func (s *Service) Paper(ctx context.Context, p *auth.Principal, id uuid.UUID) ([]byte, string, error) {
	pl, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, "", err
	}
	if pl.State != Approved && pl.State != Closed {
		return nil, "", httpx.Conflict("Only an approved or closed plan is printed for the personnel file; this one is " + pl.State + ".")
	}
	card, err := s.directory.Card(ctx, pl.PersonID)
	if err != nil {
		return nil, "", err
	}
	f, err := s.frameworks.CurrentPublished(ctx)
	if err != nil {
		return nil, "", err
	}
	tree, err := s.frameworks.Tree(ctx, p, f.ID)
	if err != nil {
		return nil, "", err
	}
	names := map[uuid.UUID]string{}
	for _, d := range tree.Domains {
		for _, c := range d.Children {
			names[c.ID] = c.Code + " " + c.NameCS
		}
	}
	levels, err := s.levels.AgreedLevels(ctx, pl.PersonID)
	if err != nil {
		return nil, "", err
	}
	doc := paper.PlanDoc{
		Person:      paper.Person{Name: card.Name, Position: card.Position, Organization: card.Organization, Team: strings.Join(card.Teams, ", ")},
		PeriodStart: pl.PeriodStart.Time, PeriodEnd: pl.PeriodEnd.Time, State: pl.State, ApprovedAt: pl.ApprovedAt,
		Note: pl.Note, Evaluation: pl.Evaluation, ClosedAt: pl.ClosedAt, PrintedAt: database.Now(),
	}
	if pl.ApprovedBy != nil {
		doc.ApprovedBy, doc.Lead = card.Leads[*pl.ApprovedBy], card.Leads[*pl.ApprovedBy]
	}
	goals := map[uuid.UUID]string{}
	for _, g := range pl.Goals {
		goals[g.ID] = names[g.CompetencyID]
		doc.Goals = append(doc.Goals, paper.Goal{Competency: names[g.CompetencyID], CurrentLevel: levels[g.CompetencyID],
			TargetLevel: g.TargetLevel, Reason: g.Reason})
	}
	for _, a := range pl.Actions {
		act := paper.Action{Kind: a.Kind, Title: a.Title, DueOn: a.DueOn.Time, DoneAt: a.DoneAt, Evidence: a.Evidence}
		if a.GoalID != nil {
			act.Goal = goals[*a.GoalID]
		}
		doc.Actions = append(doc.Actions, act)
	}
	var buf bytes.Buffer
	if err := paper.WritePlan(&buf, doc); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fmt.Sprintf("IPV %s %s–%s", card.Name, pl.PeriodStart, pl.PeriodEnd), nil
}
