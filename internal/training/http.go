package training

import (
	"context"
	"mime"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Handler serves /api/v1/courses, /api/v1/sessions and /api/v1/registrations.
type Handler struct{ Service *Service }

// Routes registers the training endpoints on an authenticated router, and the certificates' verification,
// which needs no login, on the app.
func (h *Handler) Routes(app fiber.Router, r fiber.Router) {
	s := h.Service
	app.Get("/verify/:code", h.verify)
	r.Get("/courses", endpoint.ListWithFile(s.Courses, courseFile))
	r.Post("/courses", h.createCourse)
	r.Get("/courses/:id", endpoint.Read(s.Course))
	r.Patch("/courses/:id", endpoint.Change(s.UpdateCourse))
	r.Post("/courses/:id/sessions", h.createSession)
	r.Get("/sessions", endpoint.ListWithFile(s.Sessions, sessionFile))
	r.Get("/sessions/:id", endpoint.Read(s.Session))
	r.Patch("/sessions/:id", endpoint.Change(s.UpdateSession))
	r.Post("/sessions/:id/cancel", endpoint.Step(s.CancelSession))
	r.Post("/sessions/:id/close", endpoint.Step(s.CloseSession))
	r.Get("/sessions/:id/attendance", endpoint.ByID(s.Attendance))
	r.Put("/sessions/:id/attendance", withBody(s.RecordAttendance))
	r.Post("/sessions/:id/attendance/import", h.importAttendance)
	r.Get("/sessions/:id/attendance-sheet", endpoint.PDF(s.AttendanceSheet))
	r.Post("/sessions/:id/certificates", endpoint.ByID(s.IssueCertificates))
	r.Get("/certificates", endpoint.ListWithFile(s.Certificates, certificateFile))
	r.Get("/certificates/:id/pdf", endpoint.PDF(s.CertificatePDF))
	r.Post("/sessions/:id/registrations", h.register)
	r.Get("/registrations", endpoint.ListWithFile(s.Registrations, registrationFile))
	r.Delete("/registrations/:id", endpoint.ByID(s.Withdraw))
	r.Post("/registrations/:id/approve", endpoint.ByID(s.Approve))
	r.Post("/registrations/:id/reject", withBody(s.Reject))
	r.Get("/organizations/:id/training-settings", endpoint.ByID(s.TrainingSettings))
	r.Put("/organizations/:id/training-settings", withBody(s.SetTrainingSettings))
}

func (c *Course) ETag() int  { return c.Version }
func (s *Session) ETag() int { return s.Version }

func (h *Handler) createCourse(c *fiber.Ctx) error {
	var in CourseInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	course, err := h.Service.CreateCourse(c.UserContext(), auth.FromCtx(c), in)
	if err == nil {
		c.Location("/api/v1/courses/" + course.ID.String())
	}
	return endpoint.Respond(c, fiber.StatusCreated, course, err)
}

func (h *Handler) createSession(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in SessionInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	se, err := h.Service.CreateSession(c.UserContext(), auth.FromCtx(c), id, in)
	if err == nil {
		c.Location("/api/v1/sessions/" + se.ID.String())
	}
	return endpoint.Respond(c, fiber.StatusCreated, se, err)
}

func (h *Handler) register(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in RegistrationInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	r, err := h.Service.Register(c.UserContext(), auth.FromCtx(c), id, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(r)
}

// withBody serves a request about what the path's :id names that carries the JSON body In, answered as JSON.
func withBody[In, T any](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, in In) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		var in In
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		out, err := fn(c.UserContext(), auth.FromCtx(c), id, in)
		if err != nil {
			return err
		}
		return c.JSON(out)
	}
}

// importAttendance takes the attendance file as the body, text/csv (text/plain too: what a browser may call it).
func (h *Handler) importAttendance(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	if ctype, _, _ := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); ctype != "text/csv" && ctype != fiber.MIMETextPlain {
		return httpx.NewProblem(fiber.StatusUnsupportedMediaType, "Send the attendance file as text/csv.")
	}
	var q AttendanceImportQuery
	if err := httpx.ParseQuery(c, &q); err != nil {
		return err
	}
	out, err := h.Service.ImportAttendance(c.UserContext(), auth.FromCtx(c), id, c.Body(), q)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (h *Handler) verify(c *fiber.Ctx) error {
	v, err := h.Service.Verify(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}
