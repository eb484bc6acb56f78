package training

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/endpoint"
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
	r.Get("/teams/:id/compliance", endpoint.ByIDWith(h.Service.Team))
}
