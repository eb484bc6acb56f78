package supervision

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/notification"
)

// unconfirmedAfter is how long after its end a session still planned reminds its supervisor; unconfirmedUntil
// stops the reminders for sessions long past, which the lead rather cancels.
const (
	unconfirmedAfter = 48 * time.Hour
	unconfirmedUntil = 30 * 24 * time.Hour
)

// RemindUnconfirmed tells the supervisor of every session that ended two days ago or earlier (within a month) and
// is still planned that it waits for their confirmation. It runs periodically on every replica; the notice's key
// keeps it to one reminder per session.
func (s *Service) RemindUnconfirmed(ctx context.Context, now time.Time) error {
	var due []Session
	err := sessionsQuery(s.db, &due).Where("ss.status = ? AND ss.ends_at <= ? AND ss.ends_at > ?",
		Planned, now.Add(-unconfirmedAfter), now.Add(-unconfirmedUntil)).OrderExpr("ss.id").Scan(ctx)
	if err != nil {
		return err
	}
	for _, ss := range due {
		start := ss.StartsAt.In(prague)
		n := notification.Notice{Kind: KindUnconfirmed, RecipientID: ss.SupervisorID, Entity: "supervision", EntityID: ss.ID,
			Link: link + ss.ID.String(), Key: KindUnconfirmed + ":" + ss.ID.String(),
			Params: map[string]string{"kind": ss.Kind, "team": ss.TeamName, "date": start.Format(time.DateOnly),
				"time": start.Format("15:04"), "place": ss.Place, "count": "1"}}
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return notification.Notify(ctx, tx, n) })
		if err != nil {
			return err
		}
	}
	return nil
}
