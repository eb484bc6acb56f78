package calendar

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/supervision"
)

// Supervision is the source of supervision sessions: those the person takes part in and those they run as the
// supervisor. A lead's other sessions of their teams stay out: the calendar is of where the person has to be.
// The title names the kind and the team, never the participants or the supervisor.
type Supervision struct {
	Service *supervision.Service
	BaseURL string // the SPA's address, for each event's link
}

var supervisionTitles = map[string]string{
	"individual": "Individuální supervize",
	"group":      "Skupinová supervize",
	"team":       "Týmová supervize",
	"case":       "Případová supervize",
}

// Events lists the person's supervision sessions, through the same list the SPA reads, page by page.
func (s Supervision) Events(ctx context.Context, p *auth.Principal, since time.Time) ([]Event, error) {
	q := supervision.SessionQuery{From: since.In(prague).Format(time.DateOnly)}
	pr := httpx.PageRequest{Limit: httpx.MaxLimit}
	var out []Event
	for {
		page, err := s.Service.Sessions(ctx, p, q, pr)
		if err != nil {
			return nil, err
		}
		for _, ss := range page.Items {
			if ss.SupervisorID == p.UserID || slices.ContainsFunc(ss.Participants, func(x supervision.Participant) bool { return x.PersonID == p.UserID }) {
				out = append(out, s.event(&ss))
			}
		}
		if page.NextCursor == nil {
			return out, nil
		}
		if pr.Cursor, err = base64.RawURLEncoding.DecodeString(*page.NextCursor); err != nil {
			return nil, err
		}
	}
}

// Session is one supervision session the caller may see, as an event: the single .ics download.
func (s Supervision) Session(ctx context.Context, p *auth.Principal, id uuid.UUID) (Event, error) {
	ss, err := s.Service.Session(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	return s.event(ss), nil
}

// event is a session as a calendar shows it; SEQUENCE is its version less one.
func (s Supervision) event(ss *supervision.Session) Event {
	e := Event{
		UID: "supervision-session-" + ss.ID.String() + "@rozvoj", Summary: supervisionTitles[ss.Kind] + " – " + ss.TeamName,
		Start: ss.StartsAt, End: ss.EndsAt, Location: ss.Place, Status: Confirmed,
		Sequence: ss.Version - 1, Updated: ss.UpdatedAt, URL: strings.TrimSuffix(s.BaseURL, "/") + "/supervize",
	}
	if ss.Status == supervision.Cancelled {
		e.Status = Cancelled
	}
	return e
}
