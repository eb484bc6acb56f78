package support

import (
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// kindWords are the kinds of support in Czech, as the SPA's catalogue (frontend/src/lib/i18n/support.cs.ts) has them.
var kindWords = export.Words{"mentoring": "mentoring", "intervision": "intervize", "case_consultation": "konzultace případu",
	"case_conference": "případová konference", "methodological_guidance": "metodické vedení", "shadowing": "stínování"}

var entryFile = endpoint.File[Entry]{
	Name:    "Záznamy podpory",
	Columns: []string{"Datum", "Druh podpory", "Minuty", "Hodiny", "Poznámka"},
	Row: func(e Entry) []any {
		return []any{e.Date, kindWords.Of(e.Kind), e.Minutes, hours(e.Minutes), e.Note}
	},
}
