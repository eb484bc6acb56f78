// Package httpx is the HTTP plumbing every domain shares: RFC 9457 problems, JSON binding and validation,
// cursor paging and optimistic-locking headers.
package httpx

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
)

// FieldError names one bad input field by its JSON path (e.g. "roles[0].team_id").
// Code is stable (the validator's tag, e.g. "required", "ico") so a client can translate it.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Problem is an RFC 9457 problem detail, and the error type services return for expected failures.
type Problem struct {
	Type       string       `json:"type"`
	Title      string       `json:"title"`
	Status     int          `json:"status"`
	Detail     string       `json:"detail,omitempty"`
	Instance   string       `json:"instance,omitempty"`
	RequestID  string       `json:"request_id,omitempty"`
	Errors     []FieldError `json:"errors,omitempty"`
	RetryAfter int          `json:"-"` // seconds; sent as the Retry-After header
}

func (p *Problem) Error() string {
	if p.Detail != "" {
		return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail)
	}
	return fmt.Sprintf("%d %s", p.Status, p.Title)
}

// NewProblem makes a problem of a given status; the type URI is derived from the status text.
func NewProblem(status int, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

func BadRequest(detail string) *Problem   { return NewProblem(http.StatusBadRequest, detail) }
func Unauthorized(detail string) *Problem { return NewProblem(http.StatusUnauthorized, detail) }
func Forbidden(detail string) *Problem    { return NewProblem(http.StatusForbidden, detail) }
func NotFound(detail string) *Problem     { return NewProblem(http.StatusNotFound, detail) }
func Conflict(detail string) *Problem     { return NewProblem(http.StatusConflict, detail) }

// Invalid is a 422 naming the fields that are wrong.
func Invalid(errs ...FieldError) *Problem {
	p := NewProblem(http.StatusUnprocessableEntity, "Some fields are invalid.")
	p.Errors = errs
	return p
}

// FieldInvalid is a 422 about one field.
func FieldInvalid(field, code, message string) *Problem {
	return Invalid(FieldError{Field: field, Code: code, Message: message})
}

// FieldConflict is a 409 about one field whose value another record already has (an e-mail, an IČO).
func FieldConflict(field, message string) *Problem {
	p := Conflict(message)
	p.Errors = []FieldError{{Field: field, Code: "unique", Message: message}}
	return p
}

// TooManyRequests is a 429 telling the client when to come back.
func TooManyRequests(detail string, retryAfterSeconds int) *Problem {
	p := NewProblem(http.StatusTooManyRequests, detail)
	p.RetryAfter = retryAfterSeconds
	return p
}

// RequestIDKey is the fiber.Locals key of the request ID (fiber's requestid middleware default).
const RequestIDKey = "requestid"

// RequestID returns the request's ID.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(RequestIDKey).(string)
	return id
}

// ErrorHandler turns every error into problem+json: service problems as they are, fiber's own errors
// (unknown route, oversize body, wrong method) by their status, a lost database as 503, and anything else as a
// 500 whose request ID is logged and returned so an operator can find it.
func ErrorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		var p *Problem
		var fe *fiber.Error
		var netErr net.Error
		switch {
		case errors.As(err, &p):
			cp := *p
			p = &cp
		case errors.As(err, &fe):
			p = NewProblem(fe.Code, fiberDetail(fe))
		case errors.As(err, &netErr), errors.Is(err, driver.ErrBadConn):
			log.Warn("database unavailable", "request_id", RequestID(c), "err", err)
			p = NewProblem(http.StatusServiceUnavailable, "The database is not reachable right now; try again in a moment.")
			p.RetryAfter = 5
		default:
			log.Error("unexpected error", "request_id", RequestID(c), "method", c.Method(), "path", c.Path(), "err", err)
			p = NewProblem(http.StatusInternalServerError, "Something went wrong on our side. Quote the request ID when you report it.")
		}
		p.RequestID = RequestID(c)
		if p.RequestID == "" {
			// The server refused the request before any middleware ran (e.g. an oversize body); it still
			// gets an ID, so the answer and a log line can be matched.
			p.RequestID = uuid.NewString()
			c.Set(fiber.HeaderXRequestID, p.RequestID)
			log.Info("request refused", "request_id", p.RequestID, "status", p.Status, "path", c.Path())
		}
		if p.Instance == "" {
			p.Instance = c.OriginalURL()
		}
		return WriteProblem(c, p)
	}
}

// WriteProblem sends a problem with its status and headers.
func WriteProblem(c *fiber.Ctx, p *Problem) error {
	if p.RetryAfter > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(p.RetryAfter))
	}
	if p.Status == http.StatusUnauthorized {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="rozvoj"`)
	}
	c.Status(p.Status)
	if err := c.JSON(p); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return nil
}

func fiberDetail(fe *fiber.Error) string {
	switch fe.Code {
	case http.StatusNotFound:
		return "There is nothing at this address."
	case http.StatusRequestEntityTooLarge:
		return "The request body is too large."
	case http.StatusMethodNotAllowed:
		return "This method is not allowed here."
	}
	return fe.Message
}

type requestIDCtxKey struct{}

// WithRequestID puts the request ID into a context, for work done below the handler (audit, logs).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDCtxKey{}, id)
}

// RequestIDFrom reads the request ID from a context; empty outside a request.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDCtxKey{}).(string)
	return id
}

// Describe renders an error for a terminal: a problem with the fields it names, anything else as it is.
func Describe(err error) error {
	var p *Problem
	if errors.As(err, &p) && len(p.Errors) > 0 {
		parts := make([]string, len(p.Errors))
		for i, e := range p.Errors {
			parts[i] = e.Field + ": " + e.Message
		}
		return fmt.Errorf("%s (%s)", p.Detail, strings.Join(parts, "; "))
	}
	return err
}
