package assessment

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/assessments.
type Handler struct{ Service *Service }

// Routes registers the assessment endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/assessments", endpoint.List(s.List))
	r.Post("/assessments", h.start)
	r.Get("/assessments/:id", h.get)
	r.Put("/assessments/:id/ratings", withBody(s.Rate))
	r.Put("/assessments/:id/proposals", withBody(s.Propose))
	r.Post("/assessments/:id/submit", step(s.Submit))
	r.Post("/assessments/:id/review", withBody(s.Review))
	r.Post("/assessments/:id/return", withBody(s.Return))
	r.Post("/assessments/:id/agree", step(s.Agree))
	r.Get("/assessments/:id/pdf", endpoint.PDF(s.Paper))
	r.Get("/people/:id/competency-profile", endpoint.ByID(s.Profile))
	r.Get("/teams/:id/heatmap", endpoint.ByID(s.TeamHeatmap))
}

func respond(c *fiber.Ctx, status int, a *Assessment, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, a.Version)
	return c.Status(status).JSON(a)
}

func (h *Handler) start(c *fiber.Ctx) error {
	a, err := h.Service.Start(c.UserContext(), auth.FromCtx(c))
	if err == nil {
		c.Location("/api/v1/assessments/" + a.ID.String())
	}
	return respond(c, fiber.StatusCreated, a, err)
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	a, err := h.Service.Get(c.UserContext(), auth.FromCtx(c), id)
	return respond(c, fiber.StatusOK, a, err)
}

// step is a state change without a body: the id and the version the client saw (If-Match).
func step(fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Assessment, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		version, err := httpx.IfMatch(c)
		if err != nil {
			return err
		}
		a, err := fn(c.UserContext(), auth.FromCtx(c), id, version)
		return respond(c, fiber.StatusOK, a, err)
	}
}

// withBody is step with a JSON body.
func withBody[In any](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in In) (*Assessment, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		return step(func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Assessment, error) {
			var in In
			if err := httpx.Bind(c, &in); err != nil {
				return nil, err
			}
			return fn(ctx, p, id, version, in)
		})(c)
	}
}
