// Package supervision keeps supervision (supervize, SPOD standard 6d): sessions a lead plans for a team they lead
// with an external supervisor, single or as a series (RRULE), which the supervisor confirms as held with who
// attended. Nothing of what was discussed is recorded; each participant may keep a private reflection note that
// only they can read, stored encrypted.
package supervision

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

// Kinds of supervision: individuální, skupinová, týmová, případová.
var Kinds = []string{"individual", "group", "team", "case"}

// States of a session.
const (
	Planned   = "planned"
	Held      = "held"
	Cancelled = "cancelled"
)

// Session is one supervision session: metadata only.
type Session struct {
	bun.BaseModel `bun:"table:supervision_sessions,alias:ss"`

	ID           uuid.UUID  `bun:"id,pk" json:"id"`
	SeriesID     *uuid.UUID `bun:"series_id" json:"series_id"`
	TeamID       uuid.UUID  `bun:"team_id" json:"team_id"`
	Kind         string     `bun:"kind" json:"kind"`
	SupervisorID uuid.UUID  `bun:"supervisor_id" json:"supervisor_id"`
	StartsAt     time.Time  `bun:"starts_at" json:"starts_at"`
	EndsAt       time.Time  `bun:"ends_at" json:"ends_at"`
	Place        string     `bun:"place" json:"place"`
	Status       string     `bun:"status" json:"status"`
	Detached     bool       `bun:"detached" json:"detached"`
	ConfirmedBy  *uuid.UUID `bun:"confirmed_by" json:"confirmed_by"`
	ConfirmedAt  *time.Time `bun:"confirmed_at" json:"confirmed_at"`
	CreatedBy    uuid.UUID  `bun:"created_by" json:"created_by"`
	Version      int        `bun:"version" json:"version"`
	CreatedAt    time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt    time.Time  `bun:"updated_at" json:"updated_at"`

	TeamName       string        `bun:"team_name,scanonly" json:"team_name"`
	SupervisorName string        `bun:"supervisor_name,scanonly" json:"supervisor_name"`
	RRule          *string       `bun:"rrule,scanonly" json:"rrule"`
	Participants   []Participant `bun:"-" json:"participants"`
	HasNote        bool          `bun:"-" json:"has_note"` // the caller's own note exists
}

// ETag is the session's version.
func (s *Session) ETag() int { return s.Version }

// Participant is a person taking part; Attended is what the supervisor confirmed (nil until then).
type Participant struct {
	bun.BaseModel `bun:"table:supervision_participants,alias:sp"`

	SessionID uuid.UUID `bun:"session_id,pk" json:"-"`
	PersonID  uuid.UUID `bun:"person_id,pk" json:"person_id"`
	Attended  *bool     `bun:"attended" json:"attended"`

	Name string `bun:"name,scanonly" json:"name"`
}

// series is a recurrence: its rule, from which its sessions were expanded.
type series struct {
	bun.BaseModel `bun:"table:supervision_series"`

	ID        uuid.UUID `bun:"id,pk"`
	TeamID    uuid.UUID `bun:"team_id"`
	RRule     string    `bun:"rrule"`
	CreatedBy uuid.UUID `bun:"created_by"`
	CreatedAt time.Time `bun:"created_at"`
}

// note is a participant's sealed reflection note.
type note struct {
	bun.BaseModel `bun:"table:supervision_notes"`

	SessionID uuid.UUID `bun:"session_id,pk"`
	PersonID  uuid.UUID `bun:"person_id,pk"`
	Sealed    []byte    `bun:"sealed"`
	UpdatedAt time.Time `bun:"updated_at"`
}
