package training

import _ "embed"

// OpenAPIExternal describes the external training endpoints; apidoc merges it into the whole document.
//
//go:embed external.openapi.yaml
var OpenAPIExternal []byte
