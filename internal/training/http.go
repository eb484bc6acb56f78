package training

import (
	"context"

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
	r.Get("/courses", endpoint.List(s.Courses))
	r.Post("/courses", h.createCourse)
	r.Get("/courses/:id", versioned(s.Course))
	r.Patch("/courses/:id", changing(s.UpdateCourse))
	r.Post("/courses/:id/sessions", h.createSession)
	r.Get("/sessions", endpoint.List(s.Sessions))
	r.Get("/sessions/:id", versioned(s.Session))
	r.Patch("/sessions/:id", changing(s.UpdateSession))
	r.Post("/sessions/:id/cancel", changing(func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, _ none) (*Session, error) {
		return s.CancelSession(ctx, p, id, version)
	}))
	r.Post("/sessions/:id/close", changing(func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, _ none) (*Session, error) {
		return s.CloseSession(ctx, p, id, version)
	}))
	r.Get("/sessions/:id/attendance", endpoint.ByID(s.Attendance))
	r.Put("/sessions/:id/attendance", h.recordAttendance)
	r.Get("/sessions/:id/attendance-sheet", endpoint.PDF(s.AttendanceSheet))
	r.Post("/sessions/:id/certificates", endpoint.ByID(s.IssueCertificates))
	r.Get("/certificates", endpoint.List(s.Certificates))
	r.Get("/certificates/:id/pdf", endpoint.PDF(s.CertificatePDF))
	r.Post("/sessions/:id/registrations", h.register)
	r.Get("/registrations", endpoint.List(s.Registrations))
	r.Delete("/registrations/:id", endpoint.ByID(s.Withdraw))
}

// record is a course or a session: answered with its version as the ETag.
type record interface{ version() int }

func (c *Course) version() int  { return c.Version }
func (s *Session) version() int { return s.Version }

func respond[T record](c *fiber.Ctx, status int, v T, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, v.version())
	return c.Status(status).JSON(v)
}

// versioned serves a read of a course or a session with its ETag.
func versioned[T record](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		v, err := fetch(c.UserContext(), auth.FromCtx(c), id)
		return respond(c, fiber.StatusOK, v, err)
	}
}

// none is the input of a change without a body.
type none struct{}

// changing serves a change of a course or a session: its id, the version the client saw (If-Match) and the JSON
// body unless the change takes none.
func changing[In any, T record](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in In) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		version, err := httpx.IfMatch(c)
		if err != nil {
			return err
		}
		var in In
		if _, empty := any(in).(none); !empty {
			if err := httpx.Bind(c, &in); err != nil {
				return err
			}
		}
		v, err := fn(c.UserContext(), auth.FromCtx(c), id, version, in)
		return respond(c, fiber.StatusOK, v, err)
	}
}

func (h *Handler) createCourse(c *fiber.Ctx) error {
	var in CourseInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	course, err := h.Service.CreateCourse(c.UserContext(), auth.FromCtx(c), in)
	if err == nil {
		c.Location("/api/v1/courses/" + course.ID.String())
	}
	return respond(c, fiber.StatusCreated, course, err)
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
	return respond(c, fiber.StatusCreated, se, err)
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

func (h *Handler) recordAttendance(c *fiber.Ctx) error {
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return err
	}
	var in AttendanceInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	a, err := h.Service.RecordAttendance(c.UserContext(), auth.FromCtx(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(a)
}

func (h *Handler) verify(c *fiber.Ctx) error {
	v, err := h.Service.Verify(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}
