package training

import (
	"context"
	_ "embed"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// OpenAPICompliance describes the compliance endpoints; apidoc merges it into the whole document.
//
//go:embed compliance.openapi.yaml
var OpenAPICompliance []byte

// ComplianceHandler serves a person's and a team's compliance with the statutory training requirements.
type ComplianceHandler struct{ Service *ComplianceService }

// Routes registers the compliance endpoints on an authenticated router.
func (h *ComplianceHandler) Routes(r fiber.Router) {
	r.Get("/people/:id/compliance", endpoint.ByIDWith(h.Service.Person))
	r.Get("/teams/:id/compliance", endpoint.ReportByIDWith(h.Service.Team, (*TeamCompliance).table))
}

// stateWords and unitWords are how the file names states and units, in Czech.
var (
	stateWords = map[string]string{"met": "splněno", "on_track": "průběžně plní", "at_risk": "ohroženo", "missed": "nesplněno"}
	unitWords  = map[string]string{"hours": "hodiny", "days": "dny", "count": "jednou"}
)

// table is the team's compliance as a file: a row per member and rule that applies to them.
func (tc *TeamCompliance) table() export.Table {
	titles := map[string]RuleRef{}
	for _, r := range tc.Rules {
		titles[r.RuleID] = r
	}
	return export.Table{
		Name:    "Plnění povinného vzdělávání " + tc.TeamName + " " + strconv.Itoa(tc.Year),
		Columns: []string{"Pracovník", "Požadavek", "Stav", "Započteno", "Požadováno", "Zbývá", "Jednotka", "Termín"},
		Rows: func(_ context.Context, emit func(values ...any) error) error {
			for _, p := range tc.People {
				for _, r := range p.Results {
					ref := titles[r.RuleID]
					if err := emit(p.PersonName, ref.Title, stateWords[r.State], r.Counted, r.Required, r.Remaining,
						unitWords[ref.Unit], r.Deadline); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}
