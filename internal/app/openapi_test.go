package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/apidoc"
	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// catchAll are the routes that only answer 404 (or serve the SPA): they are not part of the API.
var catchAll = []string{"/api/*", "/ims/*"}

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)\??`)

// registered lists the app's routes as "METHOD /path/{param}", without HEAD (fiber adds it to every GET),
// middleware (Use) and the catch-alls.
func registered(routes []fiber.Route) []string {
	var out []string
	for _, r := range routes {
		if r.Method == fiber.MethodHead || slices.Contains(catchAll, r.Path) {
			continue
		}
		out = append(out, r.Method+" "+fiberParam.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// documented lists the document's operations as "METHOD /path/{param}".
func documented(t *testing.T) []string {
	t.Helper()
	raw, err := apidoc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

// difference is what a has and b lacks.
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// TestEveryRouteIsDocumented: the OpenAPI document and the router list the same operations, both ways.
func TestEveryRouteIsDocumented(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(apitest.Config(), dbtest.Open(t, database.SQLite), log)
	if err != nil {
		t.Fatal(err)
	}
	routes, docs := registered(a.Fiber.GetRoutes(true)), documented(t)
	if len(routes) < 20 {
		t.Fatalf("only %d routes found; is GetRoutes filtering too much? %v", len(routes), routes)
	}
	for _, r := range difference(routes, docs) {
		t.Errorf("route %s is not in the OpenAPI document", r)
	}
	for _, d := range difference(docs, routes) {
		t.Errorf("the OpenAPI document has %s, but no such route is registered", d)
	}
}

// TestRouteCheckFindsGaps makes sure the comparison above can fail: a route added to the app without
// documenting it is reported.
func TestRouteCheckFindsGaps(t *testing.T) {
	f := fiber.New()
	f.Get("/api/v1/me", func(*fiber.Ctx) error { return nil })
	f.Post("/api/v1/widgets/:id/frobnicate", func(*fiber.Ctx) error { return nil })
	f.All("/api/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	f.Use(func(c *fiber.Ctx) error { return c.Next() })
	got := difference(registered(f.GetRoutes(true)), documented(t))
	if want := []string{http.MethodPost + " /api/v1/widgets/{id}/frobnicate"}; !slices.Equal(got, want) {
		t.Errorf("undocumented routes: %v, want %v", got, want)
	}
}
