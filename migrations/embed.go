// Package migrations holds the SQL schema, one folder per database dialect.
// Files are never edited once they have landed: a change is a new file.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
