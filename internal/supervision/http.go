package supervision

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// OpenAPI describes supervision's endpoints; apidoc merges it into the whole document.
//
//go:embed openapi.yaml
var OpenAPI []byte

// Handler serves supervision under /api/v1/supervision.
type Handler struct{ Service *Service }

// Routes registers the endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/supervision/supervisors", h.supervisors)
	r.Post("/supervision/supervisors", h.invite)
	r.Get("/supervision/sessions", endpoint.ListWithFile(s.Sessions, sessionFile))
	r.Post("/supervision/sessions", h.plan)
	r.Get("/supervision/sessions/:id", endpoint.Read(s.Session))
	r.Patch("/supervision/sessions/:id", endpoint.Change(s.Change))
	r.Post("/supervision/sessions/:id/cancel", endpoint.Change(s.Cancel))
	r.Post("/supervision/sessions/:id/confirm", endpoint.Change(s.Confirm))
	r.Get("/supervision/sessions/:id/note", endpoint.ByID(s.Note))
	r.Put("/supervision/sessions/:id/note", h.writeNote)
	r.Delete("/supervision/sessions/:id/note", h.deleteNote)
	r.Get("/organizations/:id/supervision-policy", endpoint.Read(s.Policy))
	r.Put("/organizations/:id/supervision-policy", endpoint.Change(s.SetPolicy))
	r.Get("/teams/:id/supervision", endpoint.ByIDWith(s.TeamStanding))
}

func (h *Handler) supervisors(c *fiber.Ctx) error {
	out, err := h.Service.Supervisors(c.UserContext(), auth.FromCtx(c))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// invite names an external supervisor by e-mail: 201 with a new account invited to set its password, 200 with
// an existing supervisor.
func (h *Handler) invite(c *fiber.Ctx) error {
	var in directory.InviteInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	out, err := h.Service.directory.InviteSupervisor(c.UserContext(), auth.FromCtx(c), in)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if out.Created {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(out)
}

func (h *Handler) plan(c *fiber.Ctx) error {
	var in PlanInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	out, err := h.Service.Plan(c.UserContext(), auth.FromCtx(c), in)
	if err != nil {
		return err
	}
	c.Location("/api/v1/supervision/sessions/" + out.Items[0].ID.String())
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (h *Handler) writeNote(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in NoteInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	n, err := h.Service.WriteNote(c.UserContext(), auth.FromCtx(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(n)
}

func (h *Handler) deleteNote(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Service.DeleteNote(c.UserContext(), auth.FromCtx(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
