package training

import (
	"io"
	"mime"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// ExternalHandler serves /api/v1/external-trainings.
type ExternalHandler struct{ Service *ExternalService }

// Routes registers the external training endpoints on an authenticated router.
func (h *ExternalHandler) Routes(r fiber.Router) {
	s := h.Service
	r.Get("/external-trainings", endpoint.ListWithFile(s.Externals, externalFile))
	r.Post("/external-trainings", h.record)
	r.Get("/external-trainings/:id", endpoint.Read(s.External))
	r.Post("/external-trainings/:id/confirm", endpoint.Step(s.Confirm))
	r.Post("/external-trainings/:id/reject", endpoint.Change(s.Reject))
	r.Get("/external-trainings/:id/certificate", h.certificate)
	r.Delete("/external-trainings/:id", h.delete)
}

// record reads the multipart form: the fields as text, the certificate as a file.
func (h *ExternalHandler) record(c *fiber.Ctx) error {
	if !strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEMultipartForm) {
		return httpx.NewProblem(fiber.StatusUnsupportedMediaType, "Send the training as multipart/form-data with the certificate file.")
	}
	form, err := c.MultipartForm()
	if err != nil {
		return httpx.BadRequest("The multipart form cannot be read.")
	}
	value := func(name string) string {
		if v := form.Value[name]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	in := ExternalInput{Title: value("title"), ProviderName: value("provider_name"), Form: value("form"), Hours: value("hours"),
		Date: value("date"), EndDate: value("end_date"), AccreditationNumber: value("accreditation_number")}
	var file *Upload
	if fh := form.File["certificate"]; len(fh) > 0 {
		f, err := fh[0].Open()
		if err != nil {
			return err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		file = &Upload{Name: fh[0].Filename, Data: data}
	}
	x, err := h.Service.Record(c.UserContext(), auth.FromCtx(c), in, file)
	if err == nil {
		c.Location(ExternalPath + "/" + x.ID.String())
	}
	return endpoint.Respond(c, fiber.StatusCreated, x, err)
}

// certificate sends the stored file with the media type found in its content, as a download under its name.
func (h *ExternalHandler) certificate(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	a, err := h.Service.Certificate(c.UserContext(), auth.FromCtx(c), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, a.MediaType)
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(a.Content)
}

func (h *ExternalHandler) delete(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Delete(c.UserContext(), auth.FromCtx(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
