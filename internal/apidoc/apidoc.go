// Package apidoc assembles the OpenAPI document from the fragments each domain keeps beside its handlers.
package apidoc

import (
	"encoding/json"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/calendar"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/export"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/indicator"
	"github.com/rozvoj/rozvoj/internal/notification"
	"github.com/rozvoj/rozvoj/internal/plan"
	"github.com/rozvoj/rozvoj/internal/recommend"
	"github.com/rozvoj/rozvoj/internal/supervision"
	"github.com/rozvoj/rozvoj/internal/support"
	"github.com/rozvoj/rozvoj/internal/training"
)

// fragments are the domains' OpenAPI parts; the first holds the document's head.
func fragments() map[string][]byte {
	return map[string][]byte{
		"httpx":        httpx.OpenAPI,
		"auth":         auth.OpenAPI,
		"directory":    directory.OpenAPI,
		"framework":    framework.OpenAPI,
		"case":         framework.OpenAPICASE,
		"drafts":       framework.OpenAPIDrafts,
		"assessment":   assessment.OpenAPI,
		"notification": notification.OpenAPI,
		"plan":         plan.OpenAPI,
		"recommend":    recommend.OpenAPI,
		"training":     training.OpenAPI,
		"external":     training.OpenAPIExternal,
		"compliance":   training.OpenAPICompliance,
		"export":       export.OpenAPI,
		"supervision":  supervision.OpenAPI,
		"calendar":     calendar.OpenAPI,
		"support":      support.OpenAPI,
		"indicator":    indicator.OpenAPI,
	}
}

// Document merges the fragments: paths and components are unions; a name defined twice is an error.
func Document() (map[string]any, error) {
	doc := map[string]any{}
	for name, raw := range fragments() {
		var part map[string]any
		if err := yaml.Unmarshal(raw, &part); err != nil {
			return nil, fmt.Errorf("%s/openapi.yaml: %w", name, err)
		}
		if err := merge(doc, part, name); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// JSON is the merged document as served at /api/v1/openapi.json.
func JSON() ([]byte, error) {
	doc, err := Document()
	if err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}

func merge(dst, src map[string]any, from string) error {
	for k, v := range src {
		switch k {
		case "paths", "components":
			d, _ := dst[k].(map[string]any)
			if d == nil {
				d = map[string]any{}
				dst[k] = d
			}
			s, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: %s must be a map", from, k)
			}
			if err := mergeSection(d, s, from, k == "components"); err != nil {
				return err
			}
		default:
			if _, dup := dst[k]; dup {
				return fmt.Errorf("%s: %q is defined by another fragment too", from, k)
			}
			dst[k] = v
		}
	}
	return nil
}

// mergeSection unions paths operation by operation (one fragment may read a path another writes), or, for
// components, each kind of component (schemas, parameters, …). A name defined twice is an error.
func mergeSection(dst, src map[string]any, from string, nested bool) error {
	for k, v := range src {
		d, exists := dst[k].(map[string]any)
		s, isMap := v.(map[string]any)
		switch {
		case nested:
			if !exists {
				d = map[string]any{}
				dst[k] = d
			}
			if err := mergeSection(d, s, from, false); err != nil {
				return err
			}
		case exists && isMap && strings.HasPrefix(k, "/"):
			for op, def := range s {
				if _, dup := d[op]; dup {
					return fmt.Errorf("%s: %s %s is defined twice", from, op, k)
				}
				d[op] = def
			}
		case dst[k] != nil:
			return fmt.Errorf("%s: %s is defined twice", from, k)
		default:
			dst[k] = v
		}
	}
	return nil
}
