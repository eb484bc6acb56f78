package httpx

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/database"
)

// SendPDF answers a document as a download named in Czech ("Sebehodnocení Jana Nováková 2026-11-23.pdf"):
// browsers that read RFC 6266's filename* keep the diacritics, older ones get the ASCII fallback
// ("sebehodnoceni-jana-novakova-2026-11-23.pdf").
func SendPDF(c *fiber.Ctx, name string, doc []byte) error {
	Attachment(c, name, "pdf")
	c.Set(fiber.HeaderContentType, "application/pdf")
	return c.Send(doc)
}

// Attachment names a download: the Czech name (RFC 6266 filename*) with an ASCII fallback for old clients.
func Attachment(c *fiber.Ctx, name, ext string) {
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+asciiName(name)+"."+ext+`"; filename*=UTF-8''`+
		strings.ReplaceAll(url.QueryEscape(name+"."+ext), "+", "%20"))
}

// asciiName folds a name to lower-case ASCII words joined by hyphens.
func asciiName(name string) string {
	return strings.Join(strings.FieldsFunc(database.Fold(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-")
}
