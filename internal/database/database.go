// Package database opens SQLite or PostgreSQL behind bun and keeps the few places where the dialects differ.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/pgdriver"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Engine names the database behind a *bun.DB.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is a bun database that remembers which engine it talks to.
type DB struct {
	*bun.DB
	Engine Engine
}

// Open connects to the database named by a URL (sqlite:///path/file.db, sqlite://./relative.db or postgres://…)
// and checks that it answers within wait. On SQLite it turns on WAL, foreign keys and a busy timeout, and makes
// every transaction take the write lock at BEGIN so concurrent writers queue instead of failing half-way.
func Open(ctx context.Context, rawURL string, wait time.Duration) (*DB, error) {
	var db *DB
	switch {
	case strings.HasPrefix(rawURL, "sqlite://"):
		path := strings.TrimPrefix(rawURL, "sqlite://")
		if path == "" {
			return nil, errors.New("database URL: sqlite:// needs a file path, e.g. sqlite:///var/lib/rozvoj/rozvoj.db")
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create the folder for the SQLite file: %w", err)
			}
		}
		dsn := "file:" + path + "?_txlock=immediate" +
			"&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
		sqldb, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, err
		}
		// One writer at a time is SQLite's rule; a small pool keeps readers concurrent under WAL.
		sqldb.SetMaxOpenConns(4)
		db = &DB{DB: bun.NewDB(sqldb, sqlitedialect.New()), Engine: SQLite}
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return OpenPostgres(ctx, rawURL, "", wait)
	default:
		return nil, fmt.Errorf("database URL must start with sqlite:// or postgres://, got %q", Redact(rawURL))
	}
	return db, ping(ctx, db, rawURL, wait)
}

// OpenPostgres connects to PostgreSQL; a non-empty searchPath confines the connection to one schema (tests).
func OpenPostgres(ctx context.Context, rawURL, searchPath string, wait time.Duration) (*DB, error) {
	// No parallel workers for our sessions: the product sends many small statements at once, and a parallel plan
	// forks worker processes for each execution, which costs more than it saves when every core already serves a
	// request (make bench at national scale on 2 cores: 135 → 182 requests/s answered, p95 halved; the regional
	// indicators instead run their statements side by side on the pool).
	// Added to what the URL's query sets (search_path, application_name…), which WithConnParams would replace.
	params := func(conf *pgdriver.Config) {
		if conf.ConnParams == nil {
			conf.ConnParams = map[string]any{}
		}
		conf.ConnParams["max_parallel_workers_per_gather"] = "0"
		if searchPath != "" {
			conf.ConnParams["search_path"] = searchPath
		}
	}
	opts := []pgdriver.Option{pgdriver.WithDSN(rawURL), pgdriver.WithTimeout(5 * time.Second), params}
	sqldb := sql.OpenDB(pgdriver.NewConnector(opts...))
	// As many kept idle as may be open: a burst would otherwise close connections only to open new ones (a
	// PostgreSQL backend process each) moments later.
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(20)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{DB: bun.NewDB(sqldb, pgdialect.New()), Engine: Postgres}
	return db, ping(ctx, db, rawURL, wait)
}

// ping retries until the database answers or wait runs out, so a server started together with its database
// does not fail for a second of start-up, and a wrong URL still fails fast enough to be noticed.
func ping(ctx context.Context, db *DB, rawURL string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err := db.PingContext(pctx)
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			_ = db.Close()
			return fmt.Errorf("cannot reach the database at %s: %w", Redact(rawURL), err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// Redact hides the password of a database URL so it can be logged.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

// IsUniqueViolation reports whether err is a unique-constraint failure on either engine.
func IsUniqueViolation(err error) bool {
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C') == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// IsForeignKeyViolation reports whether err is a foreign-key failure on either engine.
func IsForeignKeyViolation(err error) bool {
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C') == "23503"
	}
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// Now is the database-independent "now": UTC with microseconds, the precision both engines keep.
func Now() time.Time {
	return time.Now().UTC().Truncate(time.Microsecond)
}
