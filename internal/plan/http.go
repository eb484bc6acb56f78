package plan

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/plans.
type Handler struct{ Service *Service }

// Routes registers the plan endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/plans", endpoint.ListWithFile(s.List, planFile))
	r.Post("/plans", h.create)
	r.Get("/plans/:id", h.get)
	r.Patch("/plans/:id", changing("", s.Update))
	r.Post("/plans/:id/goals", changing("", s.AddGoal))
	r.Patch("/plans/:id/goals/:goalId", changing("goalId", s.UpdateGoal))
	r.Delete("/plans/:id/goals/:goalId", changing("goalId", noBody(s.DeleteGoal)))
	r.Post("/plans/:id/actions", changing("", s.AddAction))
	r.Patch("/plans/:id/actions/:actionId", changing("actionId", s.UpdateAction))
	r.Delete("/plans/:id/actions/:actionId", changing("actionId", noBody(s.DeleteAction)))
	r.Post("/plans/:id/actions/:actionId/done", changing("actionId", s.Done))
	r.Delete("/plans/:id/actions/:actionId/done", changing("actionId", noBody(s.Undone)))
	r.Post("/plans/:id/propose", changing("", noBody(s.Propose)))
	r.Post("/plans/:id/approve", changing("", s.Approve))
	r.Post("/plans/:id/return", changing("", s.Return))
	r.Post("/plans/:id/close", changing("", s.Close))
	r.Get("/plans/:id/pdf", endpoint.PDF(s.Paper))
}

func respond(c *fiber.Ctx, status int, pl *Plan, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, pl.Version)
	return c.Status(status).JSON(pl)
}

func (h *Handler) create(c *fiber.Ctx) error {
	var in CreateInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	pl, err := h.Service.Create(c.UserContext(), auth.FromCtx(c), in)
	if err == nil {
		c.Location("/api/v1/plans/" + pl.ID.String())
	}
	return respond(c, fiber.StatusCreated, pl, err)
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	pl, err := h.Service.Get(c.UserContext(), auth.FromCtx(c), id)
	return respond(c, fiber.StatusOK, pl, err)
}

// none is the input of a change without a body.
type none struct{}

// noBody adapts a change without a body to changing.
func noBody(fn func(ctx context.Context, p *auth.Principal, r Ref) (*Plan, error)) func(context.Context, *auth.Principal, Ref, none) (*Plan, error) {
	return func(ctx context.Context, p *auth.Principal, r Ref, _ none) (*Plan, error) { return fn(ctx, p, r) }
}

// changing serves a change of a plan: the plan's id, the item's id when the path names one (goalId, actionId),
// the version the client saw (If-Match), and the JSON body unless the change takes none. It answers the whole
// plan with its new version.
func changing[In any](item string, fn func(ctx context.Context, p *auth.Principal, r Ref, in In) (*Plan, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var r Ref
		var err error
		if r.Plan, err = httpx.UUIDParam(c, "id"); err != nil {
			return err
		}
		if item != "" {
			if r.Item, err = httpx.UUIDParam(c, item); err != nil {
				return err
			}
		}
		if r.Version, err = httpx.IfMatch(c); err != nil {
			return err
		}
		var in In
		if _, empty := any(in).(none); !empty {
			if err := httpx.Bind(c, &in); err != nil {
				return err
			}
		}
		pl, err := fn(c.UserContext(), auth.FromCtx(c), r, in)
		return respond(c, fiber.StatusOK, pl, err)
	}
}
