package indicator

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/indicators.
type Handler struct{ Service *Service }

// Routes registers the endpoint on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/indicators", h.get)
}

func (h *Handler) get(c *fiber.Ctx) error {
	var q Query
	if err := httpx.ParseQuery(c, &q); err != nil {
		return err
	}
	out, err := h.Service.Get(c.UserContext(), auth.FromCtx(c), q)
	if err != nil {
		return err
	}
	return c.JSON(out)
}
