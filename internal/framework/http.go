package framework

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves the competency model's part of /api/v1.
type Handler struct{ Service *Service }

// Routes registers the framework endpoints on an authenticated router.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/frameworks", h.list)
	r.Get("/frameworks/:id", h.tree)
	r.Get("/positions/:id/profile", h.profile)
}

func (h *Handler) list(c *fiber.Ctx) error {
	fs, err := h.Service.Frameworks(c.UserContext(), auth.FromCtx(c))
	if err != nil {
		return err
	}
	return c.JSON(httpx.NewPage(fs, len(fs), nil))
}

// tree answers a whole version; a client that has it (If-None-Match) gets 304, as published versions never change.
func (h *Handler) tree(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	t, err := h.Service.Tree(c.UserContext(), auth.FromCtx(c), id)
	if err != nil {
		return err
	}
	httpx.SetVersion(c, t.Revision)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && strings.Contains(inm, string(c.Response().Header.Peek(fiber.HeaderETag))) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return c.JSON(t)
}

type profileQuery struct {
	FrameworkID string `query:"framework_id" validate:"omitempty,uuid"`
	RegionCode  string `query:"region_code" validate:"omitempty,len=5"`
}

func (h *Handler) profile(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var q profileQuery
	if err := c.QueryParser(&q); err != nil {
		return httpx.BadRequest("The query parameters could not be read: " + err.Error())
	}
	if err := httpx.Check(&q); err != nil {
		return err
	}
	var fid *uuid.UUID
	if q.FrameworkID != "" {
		u := uuid.MustParse(q.FrameworkID)
		fid = &u
	}
	p, err := h.Service.PositionProfile(c.UserContext(), id, fid, q.RegionCode)
	if err != nil {
		return err
	}
	return c.JSON(p)
}
