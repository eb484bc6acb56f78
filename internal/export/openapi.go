package export

import _ "embed"

// OpenAPI holds the parameters and schema every file export shares; apidoc merges it into the whole document.
//
//go:embed openapi.yaml
var OpenAPI []byte
