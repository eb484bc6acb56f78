package app

import (
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// spa serves the built SPA: a file that exists as itself (hashed assets cached for a year), every other path as
// index.html so client-side routes survive a reload. API paths never get here.
func spa(files fs.FS) fiber.Handler {
	index, indexErr := fs.ReadFile(files, "index.html")
	return func(c *fiber.Ctx) error {
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			return fiber.ErrMethodNotAllowed
		}
		name := strings.TrimPrefix(path.Clean(c.Path()), "/")
		if name != "" && name != "index.html" {
			if b, err := fs.ReadFile(files, name); err == nil {
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					c.Set(fiber.HeaderContentType, ct)
				}
				if strings.HasPrefix(name, "assets/") {
					c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
				}
				return c.Send(b)
			}
		}
		if indexErr != nil {
			c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
			return c.Status(fiber.StatusServiceUnavailable).SendString(
				"<!doctype html><html lang=\"cs\"><title>rozvoj</title><p>Webové rozhraní není sestavené: spusťte <code>make build</code>.</p></html>")
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.Send(index)
	}
}
