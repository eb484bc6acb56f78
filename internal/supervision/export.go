package supervision

import (
	"strings"

	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// The Czech words of supervision's codes, as the SPA's catalogue (frontend/src/lib/i18n/supervision.cs.ts) has them.
var (
	kindWords   = export.Words{"individual": "individuální", "group": "skupinová", "team": "týmová", "case": "případová"}
	statusWords = export.Words{"planned": "naplánováno", "held": "proběhlo", "cancelled": "zrušeno"}
)

var sessionFile = endpoint.File[Session]{
	Name:    "Supervize",
	Columns: []string{"Tým", "Druh supervize", "Supervizor", "Začátek", "Konec", "Místo", "Stav", "Účastníci", "Zúčastnilo se", "Potvrzeno"},
	Row: func(s Session) []any {
		names := make([]string, len(s.Participants))
		attended := 0
		for i, p := range s.Participants {
			names[i] = p.Name
			if p.Attended != nil && *p.Attended {
				attended++
			}
		}
		return []any{s.TeamName, kindWords.Of(s.Kind), s.SupervisorName, s.StartsAt, s.EndsAt, s.Place, statusWords.Of(s.Status),
			strings.Join(names, ", "), attended, s.ConfirmedAt}
	},
}
