package calendar

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/training"
)

// Training is the source of training sessions: a person's confirmed places, their waitlisted ones as tentative
// (they may yet go, and the slot is worth keeping free), and for a provider every session of the courses they
// run. A cancelled session stays, cancelled.
type Training struct {
	Service *training.Service
	BaseURL string // the SPA's address, for each event's link
}

// Events lists the person's training sessions.
func (t Training) Events(ctx context.Context, p *auth.Principal, since time.Time) ([]Event, error) {
	sessions, err := t.Service.CalendarSessions(ctx, p, since)
	if err != nil {
		return nil, err
	}
	out := make([]Event, len(sessions))
	for i, se := range sessions {
		out[i] = t.event(&se.Session, se.Place)
	}
	return out, nil
}

// Session is one session the caller may see, as an event: the single .ics download.
func (t Training) Session(ctx context.Context, p *auth.Principal, id uuid.UUID) (Event, error) {
	se, err := t.Service.Session(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	return t.event(se, training.Confirmed), nil
}

// event is a session as a calendar shows it; place is the person's registration status, empty for its provider.
// SEQUENCE is the session's version less one: 0 when created, one more at every change. A confirmed place adds
// one more, so that a place promoted from the waitlist (TENTATIVE to CONFIRMED) is a change calendar apps take
// rather than ignore; a place only ever moves that way.
func (t Training) event(se *training.Session, place string) Event {
	e := Event{
		UID: "training-session-" + se.ID.String() + "@rozvoj", Summary: se.CourseTitle,
		Start: se.StartsAt, End: se.EndsAt, Location: se.Place, Status: Confirmed,
		Sequence: se.Version - 1, Updated: se.UpdatedAt,
		URL: strings.TrimSuffix(t.BaseURL, "/") + "/katalog/terminy/" + se.ID.String(),
	}
	if e.Location == "" {
		e.Location = se.OnlineURL
	}
	if place == "" {
		e.URL = strings.TrimSuffix(t.BaseURL, "/") + "/moje-kurzy/terminy/" + se.ID.String()
	}
	if place == training.Confirmed {
		e.Sequence++
	}
	switch {
	case se.Status == training.Cancelled:
		e.Status = Cancelled
	case place == training.Waitlisted:
		e.Status = Tentative
		e.Summary += " (čekací listina)"
	}
	return e
}
