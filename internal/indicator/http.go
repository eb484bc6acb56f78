package indicator

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/export"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/indicators.
type Handler struct{ Service *Service }

// Routes registers the endpoint on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/indicators", h.get)
}

// FileQuery is the indicators' query, as JSON or as a file (export.Query's parameters; its name is taken here).
type FileQuery struct {
	Query
	Format    string `query:"format" validate:"omitempty,oneof=json csv xlsx"`
	Delimiter string `query:"delimiter" validate:"omitempty,oneof=comma semicolon"`
}

func (h *Handler) get(c *fiber.Ctx) error {
	var q FileQuery
	if err := httpx.ParseQuery(c, &q); err != nil {
		return err
	}
	out, err := h.Service.Get(c.UserContext(), auth.FromCtx(c), q.Query)
	if err != nil {
		return err
	}
	file := export.Query{Format: q.Format, Delimiter: q.Delimiter}
	if !file.File() {
		return c.JSON(out)
	}
	domains, err := h.Service.frameworks.DomainNames(c.UserContext())
	if err != nil {
		return err
	}
	return export.Send(c, file, out.table(domains))
}

// Czech names of the indicators, the kinds of support and the units, for the file.
var (
	indicatorNames = map[string]string{
		AssessmentAgreed:    "Pracovníci s dohodnutým hodnocením za posledních 12 měsíců",
		PlanApproved:        "Pracovníci se schváleným IPV",
		Compliance111:       "Pracovníci plnící § 111 zákona o sociálních službách",
		TrainingHoursMean:   "Hodiny vzdělávání na pracovníka (průměr)",
		TrainingHoursMedian: "Hodiny vzdělávání na pracovníka (medián)",
		SupportHours:        "Hodiny profesní podpory",
		TrainingNoShow:      "Neomluvené absence na kurzech",
		TrainingFillRate:    "Obsazenost kurzů vzdělavatelů (přihlášení / kapacita)",
		GapMean:             "Průměrný rozdíl očekávané a dohodnuté úrovně v oblasti",
		SupervisionCoverage: "Týmy s týmovou supervizí v intervalu podle pravidel organizace",
	}
	kindNames = map[string]string{"mentoring": "mentoring", "intervision": "intervize", "case_consultation": "případová konzultace",
		"case_conference": "případová konference", "methodological_guidance": "metodické vedení", "shadowing": "stínování"}
	unitNames = map[string]string{UnitShare: "podíl", UnitHours: "hodiny", UnitLevel: "úrovně"}
)

// table is the indicators as a file: a row per value, the scope's first and then, for a region, its organisations'
// (a long table, ready for a pivot table); a suppressed cell says so and shows neither value nor n. domains names
// the gap indicator's domains by code.
func (in *Indicators) table(domains map[string]string) export.Table {
	return export.Table{
		Name:    "Ukazatele " + in.Name + " " + in.Period,
		Columns: []string{"Organizace", "Ukazatel", "Druh", "Jednotka", "Hodnota", "Počet osob"},
		Rows: func(_ context.Context, emit func(values ...any) error) error {
			scope := in.Name
			if in.Scope == ScopeRegion {
				scope = "Celý kraj"
			}
			if err := emitValues(emit, scope, in.Indicators, domains); err != nil {
				return err
			}
			for _, o := range in.Organizations {
				if err := emitValues(emit, o.Name, o.Indicators, domains); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func emitValues(emit func(values ...any) error, scope string, values []Value, domains map[string]string) error {
	for _, v := range values {
		var value any = "potlačeno (méně než 5 osob)"
		if !v.Suppressed {
			value = v.Value
		}
		kind := kindNames[v.Kind]
		if v.Indicator == GapMean {
			kind = v.Kind
			if name, ok := domains[v.Kind]; ok {
				kind += " " + name
			}
		}
		if err := emit(scope, indicatorNames[v.Indicator], kind, unitNames[v.Unit], value, v.N); err != nil {
			return err
		}
	}
	return nil
}
