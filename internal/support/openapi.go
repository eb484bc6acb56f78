package support

import _ "embed"

// OpenAPI describes the support log endpoints; apidoc merges it into the whole document.
//
//go:embed openapi.yaml
var OpenAPI []byte
