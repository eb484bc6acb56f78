// Package competencies ships the competency model and its position data as YAML, embedded into the binary.
package competencies

import "embed"

// FS holds every *.yaml file of this folder.
//
//go:embed *.yaml
var FS embed.FS
