package endpoint

import (
	"context"
	"encoding/base64"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/export"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// File says how a list is written as a file: its Czech name, the Czech column headers and an item's row
// (values export types: dates as database.Date or time.Time, numbers as numbers, booleans become ano/ne).
type File[T any] struct {
	Name    string
	Columns []string
	Row     func(T) []any
}

// Fetch is a list's service method: one page of what the caller may see, filtered by Q.
type Fetch[Q, T any] func(ctx context.Context, p *auth.Principal, q Q, pr httpx.PageRequest) (httpx.Page[T], error)

// ListWithFile serves a cursor list as List does, and with ?format=csv|xlsx (and ?delimiter=) the whole
// filtered list as a file; ?limit= and ?cursor= do not apply to a file.
//
// The file is fetched page after page of httpx.MaxLimit items, following the cursors, while it is written, so
// memory holds one page however long the list is; every page is asked of the service as the caller, so the file
// shows exactly what the JSON would. There is no row limit: with memory bounded, a region-wide export costs only
// time, and refusing it would leave people without a way to get their data out. The first page is fetched
// before anything is sent, so a refusal (403, 404, 422) is the same problem the JSON list answers.
func ListWithFile[Q, T any](fetch Fetch[Q, T], file File[T]) fiber.Handler {
	json := List(fetch)
	return func(c *fiber.Ctx) error {
		var eq export.Query
		if err := httpx.ParseQuery(c, &eq); err != nil {
			return err
		}
		if !eq.File() {
			return json(c)
		}
		var q Q
		if err := httpx.ParseQuery(c, &q); err != nil {
			return err
		}
		detach(reflect.ValueOf(&q))
		p := auth.FromCtx(c)
		first, err := fetch(c.UserContext(), p, q, httpx.PageRequest{Limit: httpx.MaxLimit})
		if err != nil {
			return err
		}
		return export.Send(c, eq, export.Table{Name: file.Name, Columns: file.Columns,
			Rows: func(ctx context.Context, emit func(values ...any) error) error {
				for page := first; ; {
					for _, item := range page.Items {
						if err := emit(file.Row(item)...); err != nil {
							return err
						}
					}
					if page.NextCursor == nil {
						return nil
					}
					cursor, err := base64.RawURLEncoding.DecodeString(*page.NextCursor)
					if err != nil {
						return err
					}
					if page, err = fetch(ctx, p, q, httpx.PageRequest{Limit: httpx.MaxLimit, Cursor: cursor}); err != nil {
						return err
					}
				}
			}})
	}
}

// detach copies a parsed query's strings out of the request's buffer, where Fiber leaves them: fasthttp reuses
// it for the connection's next request once the response is written, or at once when the client goes away while
// a file's later pages are still being fetched.
func detach(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(strings.Clone(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			detach(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			detach(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			detach(v.Index(i))
		}
	}
}

// ReportByIDWith serves a report about what the path's :id names, narrowed by the query's documented parameters
// (Q), as JSON, or with ?format=csv|xlsx (and ?delimiter=) as the file table makes of it.
func ReportByIDWith[Q, T any](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID, q Q) (T, error), table func(T) export.Table) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var eq export.Query
		if err := httpx.ParseQuery(c, &eq); err != nil {
			return err
		}
		out, err := fetchByID(c, fetch)
		if err != nil {
			return err
		}
		if !eq.File() {
			return c.JSON(out)
		}
		return export.Send(c, eq, table(out))
	}
}

// ReportByID is ReportByIDWith for a report that takes no parameters but the file's.
func ReportByID[T any](fetch func(ctx context.Context, p *auth.Principal, id uuid.UUID) (T, error), table func(T) export.Table) fiber.Handler {
	return ReportByIDWith(func(ctx context.Context, p *auth.Principal, id uuid.UUID, _ struct{}) (T, error) {
		return fetch(ctx, p, id)
	}, table)
}
