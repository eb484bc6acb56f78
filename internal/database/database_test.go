package database_test

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

func TestDialectHelpers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		insert := func(id, ico string) error {
			_, err := db.ExecContext(ctx, `INSERT INTO organizations (id, kind, name, search_text, ico, created_at, updated_at)
				VALUES (?, 'ngo', 'X', 'x', ?, ?, ?)`, id, ico, database.Now(), database.Now())
			return err
		}
		if err := insert("01a207cc-0000-7000-8000-000000000001", "27810038"); err != nil {
			t.Fatal(err)
		}
		if err := insert("01a207cc-0000-7000-8000-000000000002", "27810038"); !database.IsUniqueViolation(err) {
			t.Errorf("duplicate IČO: %v is not a unique violation", err)
		}
		_, err := db.ExecContext(ctx, `INSERT INTO teams (id, organization_id, name, search_text, created_at, updated_at)
			VALUES ('01a207cc-0000-7000-8000-000000000003', '01a207cc-0000-7000-8000-0000000000ff', 'T', 't', ?, ?)`,
			database.Now(), database.Now())
		if !database.IsForeignKeyViolation(err) {
			t.Errorf("team of an unknown organisation: %v is not a foreign-key violation", err)
		}
		// A calendar day survives the round trip on both engines.
		day := database.NewDate(2025, time.June, 1)
		if _, err := db.ExecContext(ctx, `INSERT INTO users (id, email, name, search_text, hired_on, created_at, updated_at)
			VALUES ('01a207cc-0000-7000-8000-000000000004', 'a@b.cz', 'A', 'a', ?, ?, ?)`, day, database.Now(), database.Now()); err != nil {
			t.Fatal(err)
		}
		var got database.Date
		if err := db.QueryRowContext(ctx, "SELECT hired_on FROM users").Scan(&got); err != nil || got.String() != "2025-06-01" {
			t.Errorf("date round trip: %v %v", got, err)
		}
		if n, err := db.Pending(ctx); err != nil || n != 0 {
			t.Errorf("pending migrations after Migrate: %d %v", n, err)
		}
	})
}

func TestFoldAndPattern(t *testing.T) {
	for in, want := range map[string]string{"Žďár nad Sázavou": "zdar nad sazavou", " ŘEDITEL ": "reditel", "Třebíč": "trebic"} {
		if got := database.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := database.ContainsPattern("50%_a"); got != `%50\%\_a%` {
		t.Errorf("ContainsPattern escapes: %q", got)
	}
}

func TestOpenAndRedact(t *testing.T) {
	if got := database.Redact("postgres://u:secret@h:5432/db"); got != "postgres://u:%2A%2A%2A@h:5432/db" && got != "postgres://u:***@h:5432/db" {
		t.Errorf("Redact: %s", got)
	}
	ctx := context.Background()
	if _, err := database.Open(ctx, "mysql://x", time.Second); err == nil {
		t.Error("an unknown scheme must fail")
	}
	start := time.Now()
	_, err := database.Open(ctx, "postgres://u:secret@127.0.0.1:1/db?sslmode=disable", 500*time.Millisecond)
	if err == nil || time.Since(start) > 10*time.Second {
		t.Fatalf("unreachable database: %v after %s", err, time.Since(start))
	}
	if want := "cannot reach the database"; !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret") {
		t.Errorf("message %q must say %q and hide the password", err, want)
	}
}

// TestPostgresSessions: our PostgreSQL sessions plan no parallel workers (see OpenPostgres), every one of them,
// and keep what the URL's query sets for the session (search_path, application_name). SQLite has no such
// settings, so this runs on PostgreSQL only.
func TestPostgresSessions(t *testing.T) {
	dbtest.Open(t, database.Postgres) // skips, or fails under CI, without a server
	ctx := context.Background()
	raw := os.Getenv("ROZVOJ_TEST_POSTGRES_URL")
	if raw == "" {
		raw = dbtest.DefaultPostgresURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", "rozvoj-probe")
	q.Set("search_path", "rozvoj_probe")
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, u.String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Three connections held at once, so they are three sessions, not one reused.
	for i := range 3 {
		c, err := db.DB.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var workers, app, path string
		err = c.QueryRowContext(ctx, "SELECT current_setting('max_parallel_workers_per_gather'), current_setting('application_name'), current_setting('search_path')").
			Scan(&workers, &app, &path)
		if err != nil || workers != "0" || app != "rozvoj-probe" || path != "rozvoj_probe" {
			t.Errorf("connection %d: max_parallel_workers_per_gather %q, application_name %q, search_path %q (%v)", i, workers, app, path, err)
		}
	}
}
