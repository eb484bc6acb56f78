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
	r.Patch("/frameworks/:id", h.updateFramework)
	r.Post("/frameworks/:id/drafts", h.createDraft)
	r.Post("/frameworks/:id/publish", h.publish)
	r.Post("/frameworks/:id/items", h.addItem)
	r.Patch("/frameworks/:id/items/:item", h.updateItem)
	r.Delete("/frameworks/:id/items/:item", h.deleteItem)
	r.Get("/positions/:id/profile", h.profile)
	r.Put("/positions/:id/profile", h.setProfile)
}

func (h *Handler) list(c *fiber.Ctx) error {
	fs, err := h.Service.Frameworks(c.UserContext(), auth.FromCtx(c))
	if err != nil {
		return err
	}
	return c.JSON(httpx.NewPage(fs, len(fs), nil))
}

// tree answers a whole version; a client that has it (If-None-Match) gets 304.
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

// head answers a framework's head with its revision as ETag, after a change.
func head(c *fiber.Ctx, status int, f *Framework, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, f.Revision)
	return c.Status(status).JSON(f)
}

// draftChange reads the framework id, the revision the client edited (If-Match) and a body.
func draftChange[In any](c *fiber.Ctx, in *In) (uuid.UUID, int, error) {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return id, 0, err
	}
	revision, err := httpx.IfMatch(c)
	if err != nil || in == nil {
		return id, revision, err
	}
	return id, revision, httpx.Bind(c, in)
}

func (h *Handler) createDraft(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in DraftInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	f, err := h.Service.CreateDraft(c.UserContext(), auth.FromCtx(c), id, in)
	if err == nil {
		c.Location("/api/v1/frameworks/" + f.ID.String())
	}
	return head(c, fiber.StatusCreated, f, err)
}

func (h *Handler) updateFramework(c *fiber.Ctx) error {
	var in FrameworkPatch
	id, revision, err := draftChange(c, &in)
	if err != nil {
		return err
	}
	f, err := h.Service.UpdateFramework(c.UserContext(), auth.FromCtx(c), id, revision, in)
	return head(c, fiber.StatusOK, f, err)
}

func (h *Handler) publish(c *fiber.Ctx) error {
	id, revision, err := draftChange[struct{}](c, nil)
	if err != nil {
		return err
	}
	f, err := h.Service.Publish(c.UserContext(), auth.FromCtx(c), id, revision)
	return head(c, fiber.StatusOK, f, err)
}

func (h *Handler) addItem(c *fiber.Ctx) error {
	var in ItemInput
	id, revision, err := draftChange(c, &in)
	if err != nil {
		return err
	}
	f, it, err := h.Service.AddItem(c.UserContext(), auth.FromCtx(c), id, revision, in)
	if err != nil {
		return err
	}
	httpx.SetVersion(c, f.Revision)
	return c.Status(fiber.StatusCreated).JSON(it)
}

func (h *Handler) updateItem(c *fiber.Ctx) error {
	var in ItemPatch
	id, revision, err := draftChange(c, &in)
	if err != nil {
		return err
	}
	itemID, err := httpx.UUIDParam(c, "item")
	if err != nil {
		return err
	}
	f, err := h.Service.UpdateItem(c.UserContext(), auth.FromCtx(c), id, itemID, revision, in)
	return head(c, fiber.StatusOK, f, err)
}

func (h *Handler) deleteItem(c *fiber.Ctx) error {
	id, revision, err := draftChange[struct{}](c, nil)
	if err != nil {
		return err
	}
	itemID, err := httpx.UUIDParam(c, "item")
	if err != nil {
		return err
	}
	f, err := h.Service.DeleteItem(c.UserContext(), auth.FromCtx(c), id, itemID, revision)
	return head(c, fiber.StatusOK, f, err)
}

type profileQuery struct {
	FrameworkID string `query:"framework_id" validate:"omitempty,uuid"`
	RegionCode  string `query:"region_code" validate:"omitempty,region"`
}

func (h *Handler) readProfileQuery(c *fiber.Ctx) (uuid.UUID, profileQuery, error) {
	var q profileQuery
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return id, q, err
	}
	return id, q, httpx.ParseQuery(c, &q)
}

func (h *Handler) profile(c *fiber.Ctx) error {
	id, q, err := h.readProfileQuery(c)
	if err != nil {
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

func (h *Handler) setProfile(c *fiber.Ctx) error {
	id, q, err := h.readProfileQuery(c)
	if err != nil {
		return err
	}
	if q.FrameworkID == "" {
		return httpx.FieldInvalid("framework_id", "required", "Name the framework version whose profile you set.")
	}
	var in ProfileInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := h.Service.SetProfile(c.UserContext(), auth.FromCtx(c), id, uuid.MustParse(q.FrameworkID), q.RegionCode, in)
	if err != nil {
		return err
	}
	return c.JSON(p)
}
