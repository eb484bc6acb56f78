package calendar

import _ "embed"

// OpenAPI describes this package's endpoints and schemas; apidoc merges it into the whole document.
//
//go:embed openapi.yaml
var OpenAPI []byte
