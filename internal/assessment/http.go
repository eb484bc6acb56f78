package assessment

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
)

// Handler serves /api/v1/assessments.
type Handler struct{ Service *Service }

// Routes registers the assessment endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/assessments", endpoint.ListWithFile(s.List, assessmentFile))
	r.Post("/assessments", h.start)
	r.Get("/assessments/:id", endpoint.Read(s.Get))
	r.Put("/assessments/:id/ratings", endpoint.Change(s.Rate))
	r.Put("/assessments/:id/proposals", endpoint.Change(s.Propose))
	r.Post("/assessments/:id/submit", endpoint.Step(s.Submit))
	r.Post("/assessments/:id/review", endpoint.Change(s.Review))
	r.Post("/assessments/:id/return", endpoint.Change(s.Return))
	r.Post("/assessments/:id/agree", endpoint.Step(s.Agree))
	r.Get("/assessments/:id/pdf", endpoint.PDF(s.Paper))
	r.Get("/people/:id/competency-profile", endpoint.ByID(s.Profile))
	r.Get("/teams/:id/heatmap", endpoint.ReportByID(s.TeamHeatmap, (*Heatmap).table))
}

// ETag is the assessment's version, sent as its ETag.
func (a *Assessment) ETag() int { return a.Version }

func (h *Handler) start(c *fiber.Ctx) error {
	a, err := h.Service.Start(c.UserContext(), auth.FromCtx(c))
	if err == nil {
		c.Location("/api/v1/assessments/" + a.ID.String())
	}
	return endpoint.Respond(c, fiber.StatusCreated, a, err)
}
