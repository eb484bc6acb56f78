package training

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// CalendarSession is a session as the caller's own calendar shows it: Place is their seat (confirmed or
// waitlisted), empty when they are there because they run the course.
type CalendarSession struct {
	Session
	Place string
}

// CalendarSessions lists the sessions ending at or after since that the caller has in their calendar: those they
// hold a confirmed or waitlisted place at, and every session of the courses their provider organisations offer.
// Cancelled sessions stay, so calendar apps learn of the cancellation; a place the caller gave up goes.
func (s *Service) CalendarSessions(ctx context.Context, p *auth.Principal, since time.Time) ([]CalendarSession, error) {
	var places []struct {
		SessionID uuid.UUID `bun:"session_id"`
		Status    string    `bun:"status"`
	}
	err := s.db.NewSelect().Table("registrations").Column("session_id", "status").
		Where("person_id = ? AND status IN (?)", p.UserID, bun.In([]string{Confirmed, Waitlisted})).Scan(ctx, &places)
	if err != nil {
		return nil, err
	}
	place := make(map[uuid.UUID]string, len(places))
	ids := make([]uuid.UUID, 0, len(places))
	for _, r := range places {
		place[r.SessionID] = r.Status
		ids = append(ids, r.SessionID)
	}
	orgs := p.ProviderOrgs()
	if len(ids) == 0 && len(orgs) == 0 {
		return []CalendarSession{}, nil
	}
	var rows []Session
	q := s.store.sessions(s.db, &rows).Where("s.ends_at >= ?", since).OrderExpr("s.starts_at, s.id")
	q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(ids) > 0 {
			q.WhereOr("s.id IN (?)", bun.In(ids))
		}
		if len(orgs) > 0 {
			q.WhereOr("c.provider_id IN (?)", bun.In(orgs))
		}
		return q
	})
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]CalendarSession, len(rows))
	for i, se := range rows {
		out[i] = CalendarSession{Session: se, Place: place[se.ID]}
		if runs(p, se.ProviderID) {
			out[i].Place = ""
		}
	}
	return out, nil
}
