package apidoc

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// TestDocumentIsValid loads the merged document as served and checks it with kin-openapi's validator.
func TestDocumentIsValid(t *testing.T) {
	raw, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("validate: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi %q, want 3.0.3", doc.OpenAPI)
	}
	// Every operation is named, summarised, tagged, and either public or behind the bearer token.
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.OperationID == "" || op.Summary == "" || len(op.Tags) == 0 {
				t.Errorf("%s needs an operationId, a summary and a tag", where)
			}
			if other, dup := ids[op.OperationID]; dup {
				t.Errorf("operationId %q of %s is used by %s too", op.OperationID, where, other)
			}
			ids[op.OperationID] = where
			if op.Security == nil {
				t.Errorf("%s: say security explicitly ([] for public, [{bearer: []}] otherwise)", where)
			}
			public := op.Security != nil && len(*op.Security) == 0
			// A calendar app fetches a feed by the secret in its URL, without a login.
			wantPublic := !strings.HasPrefix(path, "/api/v1/") || strings.HasPrefix(path, "/api/v1/auth/") || path == "/api/v1/openapi.json" ||
				path == "/api/v1/calendar/{token}.ics"
			if public != wantPublic {
				t.Errorf("%s: public is %v, want %v", where, public, wantPublic)
			}
			if !public && op.Responses.Status(401) == nil {
				t.Errorf("%s needs the bearer token but does not document 401", where)
			}
			for code, res := range op.Responses.Map() {
				if code >= "400" && res.Value.Content.Get("application/problem+json") == nil {
					t.Errorf("%s: %s is not a problem+json response", where, code)
				}
			}
		}
	}
}

func fragment(t *testing.T, src string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal([]byte(src), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMerge(t *testing.T) {
	head := `
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  schemas:
    A: {type: string}
  parameters:
    P: {name: p, in: query, schema: {type: string}}
paths:
  /a: {get: {responses: {"200": {description: ok}}}}
`
	doc := map[string]any{}
	if err := merge(doc, fragment(t, head), "head"); err != nil {
		t.Fatal(err)
	}
	// Distinct names merge into the union.
	other := `
components:
  schemas:
    B: {type: integer}
  responses:
    R: {description: r}
paths:
  /b: {get: {responses: {"200": {description: ok}}}}
`
	if err := merge(doc, fragment(t, other), "other"); err != nil {
		t.Fatalf("distinct names: %v", err)
	}
	comps := doc["components"].(map[string]any)
	for kind, names := range map[string][]string{"schemas": {"A", "B"}, "parameters": {"P"}, "responses": {"R"}} {
		for _, name := range names {
			if _, ok := comps[kind].(map[string]any)[name]; !ok {
				t.Errorf("components.%s.%s is missing after the merge", kind, name)
			}
		}
	}
	paths := doc["paths"].(map[string]any)
	if len(paths) != 2 || paths["/a"] == nil || paths["/b"] == nil {
		t.Errorf("paths after the merge: %v", paths)
	}

	// Another operation on a known path joins it: one fragment may read a path that another writes.
	if err := merge(doc, fragment(t, "paths: {/a: {post: {responses: {\"204\": {description: ok}}}}}"), "writer"); err != nil {
		t.Fatalf("another operation on a known path: %v", err)
	}
	if ops := doc["paths"].(map[string]any)["/a"].(map[string]any); ops["get"] == nil || ops["post"] == nil {
		t.Errorf("/a after adding post: %v", ops)
	}

	// A name defined twice is an error, whichever section it is in.
	for name, dup := range map[string]string{
		"schema":    "components: {schemas: {A: {type: object}}}",
		"parameter": "components: {parameters: {P: {name: q, in: query}}}",
		"operation": "paths: {/a: {get: {responses: {\"204\": {description: ok}}}}}",
		"head key":  "info: {title: again, version: \"2\"}",
	} {
		t.Run(name, func(t *testing.T) {
			d := map[string]any{}
			if err := merge(d, fragment(t, head), "head"); err != nil {
				t.Fatal(err)
			}
			if err := merge(d, fragment(t, dup), "dup"); err == nil {
				t.Errorf("a duplicate %s merged without an error", name)
			}
		})
	}
}
