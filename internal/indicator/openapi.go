package indicator

import _ "embed"

// OpenAPI describes the indicators endpoint; apidoc merges it into the whole document.
//
//go:embed openapi.yaml
var OpenAPI []byte
