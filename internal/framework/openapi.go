package framework

import _ "embed"

// The package's OpenAPI fragments; apidoc merges them into the whole document.
var (
	// OpenAPI describes reading frameworks and position profiles.
	//
	//go:embed openapi.yaml
	OpenAPI []byte

	// OpenAPICASE describes the 1EdTech CASE 1.1 provider endpoints and the import.
	//
	//go:embed case.openapi.yaml
	OpenAPICASE []byte

	// OpenAPIDrafts describes the methodologists' drafts, publishing and profile editing.
	//
	//go:embed drafts.openapi.yaml
	OpenAPIDrafts []byte
)
