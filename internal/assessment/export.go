package assessment

import (
	"context"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// stateWords are the assessment's states in Czech, as the SPA's catalogue (frontend/src/lib/i18n/cs.ts) has them.
var stateWords = export.Words{"draft": "rozpracované", "submitted": "odesláno vedoucímu", "reviewed": "projednáno vedoucím",
	"returned": "vráceno k doplnění", "agreed": "dohodnuto"}

var assessmentFile = endpoint.File[Assessment]{
	Name:    "Hodnocení",
	Columns: []string{"Pracovník", "Stav", "Termín", "Zahájeno", "Odesláno", "Projednáno", "Dohodnuto", "Komentář vedoucího"},
	Row: func(a Assessment) []any {
		return []any{a.PersonName, stateWords.Of(a.State), a.DueOn, a.CreatedAt, a.SubmittedAt, a.ReviewedAt, a.AgreedAt, a.LeadComment}
	},
}

// table is the heatmap as a file: a row per person and competency (a long table, ready for a pivot table), with
// the level the position expects, the agreed one and the gap; "neuplatňuje se" where the competency does not
// apply, empty levels where nothing is agreed yet.
func (h *Heatmap) table() export.Table {
	domains := map[uuid.UUID]string{}
	for _, d := range h.Domains {
		domains[d.DomainID] = d.Code
	}
	return export.Table{
		Name: "Mapa kompetencí " + h.TeamName,
		Columns: []string{"Pracovník", "Dohodnuto dne", "Příští hodnocení", "Po termínu", "Oblast", "Kompetence",
			"Očekávaná úroveň", "Dohodnutá úroveň", "Rozdíl", "Neuplatňuje se"},
		Rows: func(_ context.Context, emit func(values ...any) error) error {
			for _, p := range h.People {
				for i, c := range h.Competencies {
					cell := p.Cells[i]
					if err := emit(p.Name, p.AgreedAt, p.NextDue, p.Overdue, domains[c.DomainID], c.Code,
						cell.Expected, cell.Agreed, cell.Gap, cell.NotApplicable); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}
