package assessment

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

// Paper prints an agreed assessment for the personnel file (SPOD standard 6a asks for a written yearly
// evaluation): the person, the lead, each competency's own, agreed and expected level, evidence and comments,
// and lines for both signatures. The expected levels are those of the version the person was assessed against.
// It answers the PDF and the document's name.
func (s *Service) Paper(ctx context.Context, p *auth.Principal, id uuid.UUID) ([]byte, string, error) {
	a, _, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return nil, "", err
	}
	if a.State != Agreed {
		return nil, "", httpx.Conflict("Only an agreed assessment is printed for the personnel file; this one is " + a.State + ".")
	}
	card, err := s.directory.Card(ctx, a.PersonID)
	if err != nil {
		return nil, "", err
	}
	tree, err := s.frameworks.Tree(ctx, p, a.FrameworkID)
	if err != nil {
		return nil, "", err
	}
	grid, err := s.store.grid(ctx, s.db, a.FrameworkID, []uuid.UUID{a.PersonID})
	if err != nil {
		return nil, "", err
	}
	expected := map[uuid.UUID]*int{}
	for _, r := range grid {
		expected[r.CompetencyID] = r.Expected
	}
	ratings := map[uuid.UUID]Rating{}
	for _, r := range a.Ratings {
		ratings[r.CompetencyID] = r
	}
	doc := paper.AssessmentDoc{
		Person:         paper.Person{Name: card.Name, Position: card.Position, Organization: card.Organization, Team: strings.Join(card.Teams, ", ")},
		FrameworkTitle: tree.TitleCS, FrameworkVersion: tree.Version, LeadComment: a.LeadComment,
		AgreedAt: *a.AgreedAt, PrintedAt: database.Now(),
	}
	if a.ReviewerID != nil {
		doc.Lead = card.Leads[*a.ReviewerID]
	}
	if a.SubmittedAt != nil {
		doc.SubmittedAt = *a.SubmittedAt
	}
	if a.ReviewedAt != nil {
		doc.ReviewedAt = *a.ReviewedAt
	}
	for _, d := range tree.Domains {
		rows := paper.DomainRows{Code: d.Code, Title: d.NameCS}
		for _, c := range d.Children {
			r, rated := ratings[c.ID]
			if !rated {
				continue
			}
			rows.Rows = append(rows.Rows, paper.CompetencyRow{Code: c.Code, Title: c.NameCS, SelfLevel: r.SelfLevel,
				SelfNotApplicable: r.SelfNotApplicable, AgreedLevel: r.AgreedLevel, ExpectedLevel: expected[c.ID],
				Evidence: r.Evidence, LeadComment: r.LeadComment})
		}
		doc.Domains = append(doc.Domains, rows)
	}
	var buf bytes.Buffer
	if err := paper.WriteAssessment(&buf, doc); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fmt.Sprintf("Sebehodnocení %s %s", card.Name, a.AgreedAt.Format("2006-01-02")), nil
}
