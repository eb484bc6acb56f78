package database

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/uptrace/bun/migrate"

	"github.com/rozvoj/rozvoj/migrations"
)

// Migrator returns bun's migrator over this engine's SQL files.
func (db *DB) Migrator() (*migrate.Migrator, error) {
	sub, err := fs.Sub(migrations.FS, string(db.Engine))
	if err != nil {
		return nil, err
	}
	ms := migrate.NewMigrations()
	if err := ms.Discover(sub); err != nil {
		return nil, err
	}
	return migrate.NewMigrator(db.DB, ms, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// Migrate applies every pending migration and returns the names it applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	m, err := db.Migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("prepare migration tables: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	defer func() { _ = m.Unlock(ctx) }()
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	names := make([]string, 0, len(group.Migrations))
	for _, mg := range group.Migrations {
		names = append(names, mg.String())
	}
	return names, nil
}

// MigrationStatus lists every known migration and whether it is applied.
func (db *DB) MigrationStatus(ctx context.Context) (migrate.MigrationSlice, error) {
	m, err := db.Migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, err
	}
	return m.MigrationsWithStatus(ctx)
}

// Pending counts migrations not yet applied; /readyz is not ready while any are.
func (db *DB) Pending(ctx context.Context) (int, error) {
	m, err := db.Migrator()
	if err != nil {
		return 0, err
	}
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return 0, err
	}
	return len(ms.Unapplied()), nil
}
