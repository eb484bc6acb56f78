package training

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/notification"
)

// reminderAhead is how long before a session its registrants are reminded of it.
const reminderAhead = 48 * time.Hour

// RemindSessions tells every confirmed registrant of a session that starts within the two days after now (and is
// neither cancelled nor held) that it is coming. It runs periodically on every replica: the notice's key (the
// session) keeps it to one reminder per person and session however often and wherever it runs.
func (s *Service) RemindSessions(ctx context.Context, now time.Time) error {
	var regs []Registration
	err := s.store.registrations(s.db, &regs).
		Where("r.status = ?", Confirmed).
		Where("s.status NOT IN (?)", bun.In([]string{Cancelled, Held})).
		Where("s.starts_at > ? AND s.starts_at <= ?", now, now.Add(reminderAhead)).
		OrderExpr("r.id").Scan(ctx)
	if err != nil {
		return err
	}
	for _, r := range regs {
		n := sessionNotice(nil, notification.SessionReminder, r.PersonID, r.SessionID, r.CourseTitle, r.StartsAt, nil)
		n.Key = notification.SessionReminder + ":" + r.SessionID.String()
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return notification.Notify(ctx, tx, n) })
		if err != nil {
			return err
		}
	}
	return nil
}
