// Package calendar serves each person's sessions to their own calendar app: private feed URLs (a long random
// token, only its hash stored) that subscribe Google, Outlook or Apple calendars to an RFC 5545 feed, and single
// sessions as .ics downloads. The sessions come from Sources (training, supervision); the feed carries
// the title, time and place of a session and nothing about the people or cases in it.
package calendar

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// Statuses of an event, as RFC 5545 names them in lower case.
const (
	Confirmed = "confirmed"
	Tentative = "tentative" // a place on a waitlist: the person may yet go
	Cancelled = "cancelled" // kept in the feed so calendar apps strike the session out
)

// Event is one session in a calendar.
type Event struct {
	UID      string // stable across fetches and changes, e.g. "training-session-<uuid>@rozvoj"
	Summary  string
	Start    time.Time // instants; the feed writes them as Prague wall-clock times
	End      time.Time
	Location string
	URL      string // the session's page in the SPA
	Status   string
	Sequence int       // RFC 5545 SEQUENCE: grows with every change of the session
	Updated  time.Time // when the session last changed (DTSTAMP, LAST-MODIFIED)
}

// Source gives the events a person has in their calendar, ending at or after since: what they take part in and
// what they run. A source decides from the principal's roles which of its sessions are the person's.
type Source interface {
	Events(ctx context.Context, p *auth.Principal, since time.Time) ([]Event, error)
}

// Feed is a person's subscription URL, known by its name; the token itself is shown once, when it is made.
type Feed struct {
	bun.BaseModel `bun:"table:calendar_feeds,alias:f"`

	ID         uuid.UUID  `bun:"id,pk" json:"id"`
	PersonID   uuid.UUID  `bun:"person_id" json:"-"`
	Name       string     `bun:"name" json:"name"`
	TokenHash  string     `bun:"token_hash" json:"-"`
	CreatedAt  time.Time  `bun:"created_at" json:"created_at"`
	LastUsedAt *time.Time `bun:"last_used_at" json:"last_used_at"`
	RevokedAt  *time.Time `bun:"revoked_at" json:"-"`
}

// NewFeed is a feed just made: the one answer that carries its URL.
type NewFeed struct {
	Feed
	URL string `json:"url"`
}

// FeedInput names a new feed, so the person can tell their phone's from their desk's.
type FeedInput struct {
	Name string `json:"name" validate:"required,max=100"`
}
