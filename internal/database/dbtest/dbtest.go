// Package dbtest gives tests fresh databases on both engines: a SQLite file in a temp folder and a PostgreSQL
// schema of its own (ROZVOJ_TEST_POSTGRES_URL, default the local server's database "test").
package dbtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/database"
)

// DefaultPostgresURL is the local server every developer machine and CI has.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Engines are the databases every store and API test runs on.
var Engines = []database.Engine{database.SQLite, database.Postgres}

// Each runs fn as subtests named "sqlite" and "postgres", each on a fresh, migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *database.DB)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open makes a fresh, migrated database of an engine, removed when the test or benchmark ends. Without a
// reachable PostgreSQL the test is skipped, except under CI=true, where that is a failure.
func Open(t testing.TB, engine database.Engine) *database.DB {
	t.Helper()
	ctx := context.Background()
	var db *database.DB
	switch engine {
	case database.SQLite:
		var err error
		db, err = database.Open(ctx, "sqlite://"+t.TempDir()+"/test.db", 5*time.Second)
		if err != nil {
			t.Fatalf("open SQLite: %v", err)
		}
	case database.Postgres:
		db = openPostgres(t)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

func openPostgres(t testing.TB) *database.DB {
	t.Helper()
	ctx := context.Background()
	url := os.Getenv("ROZVOJ_TEST_POSTGRES_URL")
	if url == "" {
		url = DefaultPostgresURL
	}
	admin, err := database.Open(ctx, url, 2*time.Second)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI: %v", err)
		}
		t.Skipf("PostgreSQL not reachable, skipping (set ROZVOJ_TEST_POSTGRES_URL): %v", err)
	}
	schema := "t_" + strings.ReplaceAll(uuid.NewString(), "-", "")
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), fmt.Sprintf("DROP SCHEMA %s CASCADE", schema))
		_ = admin.Close()
	})
	db, err := database.OpenPostgres(ctx, url, schema, 5*time.Second)
	if err != nil {
		t.Fatalf("open PostgreSQL schema: %v", err)
	}
	return db
}
