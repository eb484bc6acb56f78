package recommend

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/people/{id}/recommendations.
type Handler struct{ Service *Service }

// Routes registers the recommendation endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/people/:id/recommendations", endpoint.ByID(h.Service.List))
	r.Post("/people/:id/recommendations/accept", h.accept)
}

func (h *Handler) accept(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in AcceptInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	out, err := h.Service.Accept(c.UserContext(), auth.FromCtx(c), id, in)
	if err != nil {
		return err
	}
	httpx.SetVersion(c, out.Plan.Version)
	return c.Status(fiber.StatusCreated).JSON(out)
}
