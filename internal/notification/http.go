package notification

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/notifications and /api/v1/me/notification-preferences.
type Handler struct{ Service *Service }

// Routes registers the notification endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/notifications", endpoint.List(s.List))
	r.Get("/notifications/unread-count", answer(s.UnreadCount))
	r.Post("/notifications/read-all", answer(s.ReadAll))
	r.Post("/notifications/:id/read", endpoint.ByID(s.Read))
	r.Get("/me/notification-preferences", answer(s.Preferences))
	r.Put("/me/notification-preferences", h.setPreferences)
}

// answer serves a question about the caller's own notifications, with nothing more to read from the request.
func answer[T any](fn func(ctx context.Context, p *auth.Principal) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := fn(c.UserContext(), auth.FromCtx(c))
		if err != nil {
			return err
		}
		return c.JSON(v)
	}
}

func (h *Handler) setPreferences(c *fiber.Ctx) error {
	var in PreferencesInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := h.Service.SetPreferences(c.UserContext(), auth.FromCtx(c), in)
	if err != nil {
		return err
	}
	return c.JSON(p)
}
