// Package audit keeps the append-only record of changes (who, when, what, before and after). Records are written
// with the caller's transaction, so a change and its audit record land together or not at all.
package audit

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Record is one audited change.
type Record struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID        uuid.UUID  `bun:"id,pk" json:"id"`
	At        time.Time  `bun:"at" json:"at"`
	ActorID   *uuid.UUID `bun:"actor_id" json:"actor_id"`
	SubjectID *uuid.UUID `bun:"subject_id" json:"subject_id"`
	Action    string     `bun:"action" json:"action"`
	Entity    string     `bun:"entity" json:"entity"`
	EntityID  uuid.UUID  `bun:"entity_id" json:"entity_id"`
	Before    any        `bun:"before,type:jsonb" json:"before"`
	After     any        `bun:"after,type:jsonb" json:"after"`
	RequestID string     `bun:"request_id" json:"request_id,omitempty"`
}

// Write stores a record inside db, which should be the transaction of the change it describes.
func Write(ctx context.Context, db bun.IDB, r Record) error {
	r.ID = uuid.Must(uuid.NewV7())
	if r.ActorID != nil && *r.ActorID == uuid.Nil {
		r.ActorID = nil // the system itself (start-up data, demo seed)
	}
	r.RequestID = httpx.RequestIDFrom(ctx)
	r.At = database.Now()
	_, err := db.NewInsert().Model(&r).Exec(ctx)
	return err
}
