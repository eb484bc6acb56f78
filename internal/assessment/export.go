package assessment

import (
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
