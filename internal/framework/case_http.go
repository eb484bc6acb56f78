package framework

import (
	"mime"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// CASEHandler serves 1EdTech CASE 1.1: the public provider API under /ims/case/v1p1 (published and retired
// versions only, never drafts) and the methodologists' import.
type CASEHandler struct{ Service *Service }

// Routes registers the CASE provider API on the app and the import on the authenticated API router.
func (h *CASEHandler) Routes(app fiber.Router, private fiber.Router) {
	ims := app.Group(CASEPath, func(c *fiber.Ctx) error {
		// Published versions never change; a short public cache spares the database.
		c.Set(fiber.HeaderCacheControl, "public, max-age=300")
		c.Set(fiber.HeaderAccessControlAllowOrigin, "*") // a CASE provider is read by other sites' tools
		return c.Next()
	})
	ims.Get("/CFDocuments", h.documents)
	ims.Get("/CFDocuments/:sourcedId", h.document)
	ims.Get("/CFPackages/:sourcedId", h.pkg)
	ims.Get("/CFItems/:sourcedId", h.item)
	for _, kind := range CASEKinds {
		ims.Get("/"+kind+"/:sourcedId", h.object(kind))
	}
	private.Post("/frameworks/import", h.importPackage)
}

func base(c *fiber.Ctx) string { return c.BaseURL() }

func (h *CASEHandler) documents(c *fiber.Ctx) error {
	docs, err := h.Service.CASEDocuments(c.UserContext(), base(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"CFDocuments": docs})
}

func (h *CASEHandler) document(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "sourcedId")
	if err != nil {
		return errCASENotFound
	}
	d, err := h.Service.CASEDocument(c.UserContext(), id, base(c))
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *CASEHandler) pkg(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "sourcedId")
	if err != nil {
		return errCASENotFound
	}
	p, err := h.Service.ExportCASE(c.UserContext(), id, base(c), false)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (h *CASEHandler) item(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "sourcedId")
	if err != nil {
		return errCASENotFound
	}
	it, err := h.Service.CASEItem(c.UserContext(), id, base(c))
	if err != nil {
		return err
	}
	return c.JSON(it)
}

func (h *CASEHandler) object(kind string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "sourcedId")
		if err != nil {
			return errCASENotFound
		}
		o, err := h.Service.CASEObject(c.UserContext(), kind, id, base(c))
		if err != nil {
			return err
		}
		return c.JSON(o)
	}
}

// importPackage takes a CFPackage as JSON or YAML. ?dry_run=true answers the preview (what would be created
// and every problem) without writing; otherwise a bad package is a 422 listing every problem, a CFDocument
// identifier already stored a 409, and a good one 201 with the new framework.
func (h *CASEHandler) importPackage(c *fiber.Ctx) error {
	ctype, _, _ := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	format := ""
	switch strings.ToLower(ctype) {
	case "application/json":
		format = FormatJSON
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		format = FormatYAML
	default:
		return httpx.NewProblem(fiber.StatusUnsupportedMediaType, "Send the CASE package as application/json or application/yaml.")
	}
	dry := false
	switch c.Query("dry_run") {
	case "", "false", "0":
	case "true", "1":
		dry = true
	default:
		return httpx.FieldInvalid("dry_run", "type", "Expected true or false.")
	}
	res, err := h.Service.ImportCASE(c.UserContext(), auth.FromCtx(c), c.Body(), format, dry)
	if err != nil {
		return err
	}
	if dry {
		return c.JSON(res)
	}
	c.Location("/api/v1/frameworks/" + res.Framework.ID.String())
	return c.Status(fiber.StatusCreated).JSON(res)
}
