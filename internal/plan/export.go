package plan

import (
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// stateWords are the plan's states in Czech, as the SPA's catalogue (frontend/src/lib/i18n/cs.ts) has them.
var stateWords = export.Words{"draft": "koncept", "proposed": "navrženo ke schválení", "approved": "schváleno",
	"returned": "vráceno k úpravě", "closed": "uzavřeno"}

var planFile = endpoint.File[Plan]{
	Name:    "Individuální plány",
	Columns: []string{"Pracovník", "Období od", "Období do", "Stav", "Cíle", "Činnosti", "Splněné činnosti", "Činnosti po termínu", "Schváleno", "Uzavřeno"},
	Row: func(pl Plan) []any {
		done := 0
		for _, a := range pl.Actions {
			if a.DoneAt != nil {
				done++
			}
		}
		return []any{pl.PersonName, pl.PeriodStart, pl.PeriodEnd, stateWords.Of(pl.State), len(pl.Goals), len(pl.Actions), done,
			pl.OverdueActions, pl.ApprovedAt, pl.ClosedAt}
	},
}
