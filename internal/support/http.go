package support

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/support-log.
type Handler struct{ Service *Service }

// Routes registers the support log endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/support-log", endpoint.ListWithFile(s.List, entryFile))
	r.Post("/support-log", h.create)
	r.Get("/support-log/summary", h.summary)
	r.Get("/support-log/:id", endpoint.Read(s.Get))
	r.Patch("/support-log/:id", endpoint.Change(s.Update))
	r.Delete("/support-log/:id", h.delete)
}

// create tells a caller who may not log support so before anything about the body.
func (h *Handler) create(c *fiber.Ctx) error {
	if err := mayLog(auth.FromCtx(c)); err != nil {
		return err
	}
	var in Input
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	e, err := h.Service.Create(c.UserContext(), auth.FromCtx(c), in)
	if err == nil {
		c.Location(Path + "/" + e.ID.String())
	}
	return endpoint.Respond(c, fiber.StatusCreated, e, err)
}

func (h *Handler) summary(c *fiber.Ctx) error {
	var q SummaryQuery
	if err := httpx.ParseQuery(c, &q); err != nil {
		return err
	}
	out, err := h.Service.Summary(c.UserContext(), auth.FromCtx(c), q)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (h *Handler) delete(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Delete(c.UserContext(), auth.FromCtx(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
