package calendar

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/calendar: the caller's feeds, and the feeds themselves, which calendar apps fetch with
// no sign-in but the token in the URL.
type Handler struct {
	Service     *Service
	Training    Training
	Supervision Supervision
}

// Routes registers the feed on the public API router and the rest on the authenticated one.
func (h *Handler) Routes(public fiber.Router, r fiber.Router) {
	r.Get("/calendar/feeds", h.feeds)
	r.Post("/calendar/feeds", h.createFeed)
	r.Delete("/calendar/feeds/:id", h.revokeFeed)
	public.Get("/calendar/:token.ics", h.feed)
	r.Get("/sessions/:id/ics", Download(h.Training.Session))
	r.Get("/supervision/sessions/:id/ics", Download(h.Supervision.Session))
}

const contentType = "text/calendar; charset=utf-8"

func (h *Handler) feeds(c *fiber.Ctx) error {
	feeds, err := h.Service.Feeds(c.UserContext(), auth.FromCtx(c))
	if err != nil {
		return err
	}
	return c.JSON(feeds)
}

func (h *Handler) createFeed(c *fiber.Ctx) error {
	var in FeedInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	f, err := h.Service.CreateFeed(c.UserContext(), auth.FromCtx(c), in)
	if err != nil {
		return err
	}
	c.Location("/api/v1/calendar/feeds/" + f.ID.String())
	return c.Status(fiber.StatusCreated).JSON(f)
}

func (h *Handler) revokeFeed(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Service.RevokeFeed(c.UserContext(), auth.FromCtx(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// feedPath is what request logs see instead of a feed's path: the token is as good as a password.
const feedPath = "/api/v1/calendar/{token}.ics"

// feed answers a calendar app. Private caching only: the feed is one person's.
func (h *Handler) feed(c *fiber.Ctx) error {
	token := strings.Clone(c.Params("token"))
	c.Path(feedPath)
	body, err := h.Service.Calendar(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	c.Set(fiber.HeaderContentType, contentType)
	return c.Send(body)
}

// Download serves one session the path's :id names as an .ics file, for whoever the source lets see it.
func Download(read func(ctx context.Context, p *auth.Principal, id uuid.UUID) (Event, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		e, err := read(c.UserContext(), auth.FromCtx(c), id)
		if err != nil {
			return err
		}
		body, err := encode(Name, []Event{e})
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, contentType)
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+id.String()+`.ics"`)
		return c.Send(body)
	}
}
