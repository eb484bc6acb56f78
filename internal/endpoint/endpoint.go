// Package endpoint adapts the services' methods to Fiber handlers for the shapes every domain repeats: a
// cursor list, a read of one record, a printed document. The handler parses and validates what the request
// carries, asks the service as the signed-in caller, and answers; the service decides everything else.
package endpoint

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// List serves a cursor list: the query's documented filters (Q), ?limit= and ?cursor=.
func List[Q, T any](fetch func(ctx context.Context, p *auth.Principal, q Q, pr httpx.PageRequest) (httpx.Page[T], error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var q Q
		if err := httpx.ParseQuery(c, &q); err != nil {
			return err
		}
		pr, err := httpx.ParsePage(c)
		if err != nil {
			return err
		}
		page, err := fetch(c.UserContext(), auth.FromCtx(c), q, pr)
		if err != nil {
			return err
		}
		return c.JSON(page)
	}
}

// ByID serves a request about what the path's :id names, answered as JSON.
func ByID[T any](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		out, err := fetch(c.UserContext(), auth.FromCtx(c), id)
		if err != nil {
			return err
		}
		return c.JSON(out)
	}
}

// ByIDWith serves a read of what the path's :id names, narrowed by the query's documented parameters (Q).
func ByIDWith[Q, T any](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID, q Q) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		out, err := fetchByID(c, fetch)
		if err != nil {
			return err
		}
		return c.JSON(out)
	}
}

// fetchByID parses the path's :id and the query's parameters Q, and fetches what they name as the caller.
func fetchByID[Q, T any](c *fiber.Ctx, fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID, q Q) (T, error)) (T, error) {
	var zero T
	id, err := httpx.UUIDParam(c, "id")
	if err != nil {
		return zero, err
	}
	var q Q
	if err := httpx.ParseQuery(c, &q); err != nil {
		return zero, err
	}
	return fetch(c.UserContext(), auth.FromCtx(c), id, q)
}

// PDF serves the printed document of what the path's :id names, as a download under the document's name.
func PDF(print func(ctx context.Context, p *auth.Principal, id uuid.UUID) ([]byte, string, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		doc, name, err := print(c.UserContext(), auth.FromCtx(c), id)
		if err != nil {
			return err
		}
		return httpx.SendPDF(c, name, doc)
	}
}

// Versioned is a record whose version goes out as its ETag and comes back as If-Match.
type Versioned interface{ ETag() int }

// Respond answers a versioned record with its ETag, or the error.
func Respond[T Versioned](c *fiber.Ctx, status int, v T, err error) error {
	if err != nil {
		return err
	}
	httpx.SetVersion(c, v.ETag())
	return c.Status(status).JSON(v)
}

// Read serves a read of the versioned record the path's :id names, with its ETag.
func Read[T Versioned](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		v, err := fetch(c.UserContext(), auth.FromCtx(c), id)
		return Respond(c, fiber.StatusOK, v, err)
	}
}

// Change serves a change of the record the path's :id names, made from the version the client saw (If-Match)
// with the JSON body In, and answers the record with its new ETag.
func Change[In any, T Versioned](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in In) (T, error)) fiber.Handler {
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
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		v, err := fn(c.UserContext(), auth.FromCtx(c), id, version, in)
		return Respond(c, fiber.StatusOK, v, err)
	}
}

// Step is Change for a step that takes no body (submit, agree, cancel, close, confirm).
func Step[T Versioned](fn func(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (T, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpx.UUIDParam(c, "id")
		if err != nil {
			return err
		}
		version, err := httpx.IfMatch(c)
		if err != nil {
			return err
		}
		v, err := fn(c.UserContext(), auth.FromCtx(c), id, version)
		return Respond(c, fiber.StatusOK, v, err)
	}
}
