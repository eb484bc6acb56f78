package directory

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// PublicRoutes registers what answers without a login: an invited person setting their password.
func (h *Handler) PublicRoutes(r fiber.Router) {
	r.Post("/auth/invitations/accept", func(c *fiber.Ctx) error {
		var in AcceptInput
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		if err := h.Service.AcceptInvitation(c.UserContext(), in); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	})
}

// Handler serves the directory's part of /api/v1.
type Handler struct{ Service *Service }

// Routes registers the directory endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/me", h.me)
	r.Get("/regions", h.regions)
	r.Get("/positions", h.positions)

	r.Get("/organizations", endpoint.ListWithFile(s.Organizations, organizationFile))
	r.Post("/organizations", create("/api/v1/organizations/", s.CreateOrganization))
	r.Get("/organizations/:id", endpoint.Read(s.Organization))
	r.Patch("/organizations/:id", endpoint.Change(s.UpdateOrganization))
	r.Post("/organizations/:id/deactivate", endpoint.Read(activation(s.SetOrganizationActive, false)))
	r.Post("/organizations/:id/activate", endpoint.Read(activation(s.SetOrganizationActive, true)))

	r.Get("/teams", endpoint.ListWithFile(s.Teams, teamFile))
	r.Post("/teams", create("/api/v1/teams/", s.CreateTeam))
	r.Get("/teams/:id", endpoint.Read(s.Team))
	r.Patch("/teams/:id", endpoint.Change(s.UpdateTeam))
	r.Put("/teams/:id/members", withBody(s.SetMembers))
	r.Put("/teams/:id/leads", withBody(s.SetLeads))
	r.Post("/teams/:id/deactivate", endpoint.Read(activation(s.SetTeamActive, false)))
	r.Post("/teams/:id/activate", endpoint.Read(activation(s.SetTeamActive, true)))

	r.Get("/users", endpoint.ListWithFile(s.Users, userFile))
	r.Post("/users", create("/api/v1/users/", s.CreateUser))
	r.Get("/users/:id", endpoint.Read(s.User))
	r.Patch("/users/:id", endpoint.Change(s.UpdateUser))
	r.Post("/users/:id/deactivate", endpoint.Read(activation(s.SetUserActive, false)))
	r.Post("/users/:id/activate", endpoint.Read(activation(s.SetUserActive, true)))
	r.Get("/users/:id/absences", endpoint.ByID(s.Absences))
	r.Post("/users/:id/absences", h.recordAbsence)
	r.Delete("/users/:id/absences/:absenceId", h.deleteAbsence)
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

// Organisations, teams and users send their version as the ETag.
func (o *Organization) ETag() int { return o.Version }
func (t *Team) ETag() int         { return t.Version }
func (u *User) ETag() int         { return u.Version }

// The handler shapes below are the only ones the directory needs: each parses, validates, calls the service
// and answers; the rules live in the service.

func create[In any, T interface {
	endpoint.Versioned
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
		return endpoint.Respond(c, fiber.StatusCreated, r, nil)
	}
}

func (o *Organization) id() uuid.UUID { return o.ID }
func (t *Team) id() uuid.UUID         { return t.ID }
func (u *User) id() uuid.UUID         { return u.ID }

func withBody[In any, T endpoint.Versioned](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, in In) (T, error)) fiber.Handler {
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
		return endpoint.Respond(c, fiber.StatusOK, r, err)
	}
}

func activation[T endpoint.Versioned](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, active bool) (T, error), active bool) func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error) {
	return func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error) { return fn(ctx, p, id, active) }
}

func (h *Handler) recordAbsence(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in AbsenceInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	a, err := h.Service.RecordAbsence(c.UserContext(), auth.FromCtx(c), id, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(a)
}

func (h *Handler) deleteAbsence(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	absenceID, err := httpx.UUIDParam(c, "absenceId")
	if err != nil {
		return err
	}
	if err := h.Service.DeleteAbsence(c.UserContext(), auth.FromCtx(c), id, absenceID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
