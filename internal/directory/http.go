package directory

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves the directory's part of /api/v1.
type Handler struct{ Service *Service }

// Routes registers the directory endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/me", h.me)
	r.Get("/regions", h.regions)
	r.Get("/positions", h.positions)

	r.Get("/organizations", endpoint.List(s.Organizations))
	r.Post("/organizations", create("/api/v1/organizations/", s.CreateOrganization))
	r.Get("/organizations/:id", byID(s.Organization))
	r.Patch("/organizations/:id", update(s.UpdateOrganization))
	r.Post("/organizations/:id/deactivate", byID(activation(s.SetOrganizationActive, false)))
	r.Post("/organizations/:id/activate", byID(activation(s.SetOrganizationActive, true)))

	r.Get("/teams", endpoint.List(s.Teams))
	r.Post("/teams", create("/api/v1/teams/", s.CreateTeam))
	r.Get("/teams/:id", byID(s.Team))
	r.Patch("/teams/:id", update(s.UpdateTeam))
	r.Put("/teams/:id/members", withBody(s.SetMembers))
	r.Put("/teams/:id/leads", withBody(s.SetLeads))
	r.Post("/teams/:id/deactivate", byID(activation(s.SetTeamActive, false)))
	r.Post("/teams/:id/activate", byID(activation(s.SetTeamActive, true)))

	r.Get("/users", endpoint.List(s.Users))
	r.Post("/users", create("/api/v1/users/", s.CreateUser))
	r.Get("/users/:id", byID(s.User))
	r.Patch("/users/:id", update(s.UpdateUser))
	r.Post("/users/:id/deactivate", byID(activation(s.SetUserActive, false)))
	r.Post("/users/:id/activate", byID(activation(s.SetUserActive, true)))
}

func (h *Handler) me(c *fiber.Ctx) error {
	me, err := h.Service.Me(c.UserContext(), auth.FromCtx(c))
	if err != nil {
		return err
	}
	return c.JSON(me)
}

func (h *Handler) regions(c *fiber.Ctx) error {
	return c.JSON(httpx.Page[Region]{Items: Regions})
}

func (h *Handler) positions(c *fiber.Ctx) error {
	ps, err := h.Service.Positions(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(httpx.NewPage(ps, len(ps), nil))
}

// record is a versioned row: its version goes out as the ETag.
type record interface{ etag() int }

func (o *Organization) etag() int { return o.Version }
func (t *Team) etag() int         { return t.Version }
func (u *User) etag() int         { return u.Version }

func respond[T record](c *fiber.Ctx, status int, r T, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, r.etag())
	return c.Status(status).JSON(r)
}

// The handler shapes below are the only ones the directory needs: each parses, validates, calls the service
// and answers; the rules live in the service.

func create[In any, T interface {
	record
	id() uuid.UUID
}](location string, fn func(ctx context.Context, p *auth.Principal, in In) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in In
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		r, err := fn(c.UserContext(), auth.FromCtx(c), in)
		if err != nil {
			return err
		}
		c.Location(location + r.id().String())
		return respond(c, fiber.StatusCreated, r, nil)
	}
}

func (o *Organization) id() uuid.UUID { return o.ID }
func (t *Team) id() uuid.UUID         { return t.ID }
func (u *User) id() uuid.UUID         { return u.ID }

func byID[T record](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		r, err := fn(c.UserContext(), auth.FromCtx(c), id)
		return respond(c, fiber.StatusOK, r, err)
	}
}

func withBody[In any, T record](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, in In) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		var in In
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		r, err := fn(c.UserContext(), auth.FromCtx(c), id, in)
		return respond(c, fiber.StatusOK, r, err)
	}
}

// update is withBody for changes based on a version the client read (If-Match).
func update[In any, T record](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in In) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		version, err := httpx.IfMatch(c)
		if err != nil {
			return err
		}
		return withBody(func(ctx context.Context, p *auth.Principal, id uuid.UUID, in In) (T, error) {
			return fn(ctx, p, id, version, in)
		})(c)
	}
}

func activation[T record](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, active bool) (T, error), active bool) func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error) {
	return func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error) { return fn(ctx, p, id, active) }
}
