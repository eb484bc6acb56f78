// Package notification tells people what concerns them: an in-app list, and e-mail sent through an outbox
// written in the same transaction as the change it announces, delivered by a background worker.
package notification

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

// Notification is one in-app notice for one person.
type Notification struct {
	bun.BaseModel `bun:"table:notifications,alias:n"`

	ID          uuid.UUID         `bun:"id,pk" json:"id"`
	RecipientID uuid.UUID         `bun:"recipient_id" json:"-"`
	Kind        string            `bun:"kind" json:"kind"`
	ActorID     *uuid.UUID        `bun:"actor_id" json:"-"`
	ActorName   *string           `bun:"actor_name,scanonly" json:"actor_name"`
	Entity      string            `bun:"entity" json:"entity"`
	EntityID    uuid.UUID         `bun:"entity_id" json:"entity_id"`
	Link        string            `bun:"link" json:"link"`
	Params      map[string]string `bun:"params,type:jsonb" json:"params"`
	DedupKey    *string           `bun:"dedup_key" json:"-"`
	CreatedAt   time.Time         `bun:"created_at" json:"created_at"`
	ReadAt      *time.Time        `bun:"read_at" json:"read_at"`
}

// States of an outbox row: waiting (possibly for a retry), delivered, or given up.
const (
	pending = "pending"
	sent    = "sent"
	failed  = "failed"
)

// outboxMail is one e-mail waiting for the worker, rendered when the notice was written.
type outboxMail struct {
	bun.BaseModel `bun:"table:mail_outbox,alias:o"`

	ID             uuid.UUID  `bun:"id,pk"`
	NotificationID uuid.UUID  `bun:"notification_id"`
	ToAddress      string     `bun:"to_address"`
	ToName         string     `bun:"to_name"`
	Subject        string     `bun:"subject"`
	Body           string     `bun:"body"`
	Link           string     `bun:"link"`
	State          string     `bun:"state"`
	Attempts       int        `bun:"attempts"`
	NextAttemptAt  time.Time  `bun:"next_attempt_at"`
	ClaimedUntil   *time.Time `bun:"claimed_until"`
	SentAt         *time.Time `bun:"sent_at"`
	LastError      string     `bun:"last_error"`
	CreatedAt      time.Time  `bun:"created_at"`
}

// preference is a person's choice for one kind; only changed kinds are stored (e-mail is on by default).
type preference struct {
	bun.BaseModel `bun:"table:notification_preferences"`

	UserID uuid.UUID `bun:"user_id,pk"`
	Kind   string    `bun:"kind,pk"`
	Email  bool      `bun:"email"`
}

// person is what a notice needs to know of a user: where to write and whether they still work here.
type person struct {
	bun.BaseModel `bun:"table:users"`

	ID     uuid.UUID `bun:"id,pk"`
	Email  string    `bun:"email"`
	Name   string    `bun:"name"`
	Active bool      `bun:"active"`
}
