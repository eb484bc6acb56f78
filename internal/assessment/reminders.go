package assessment

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// RemindDue tells each worker whose yearly assessment falls due within DueSoon, or is already late, and who has
// not started it yet. It runs periodically on every replica: the notice's key (the due day) keeps it to one
// reminder per person and due day however often and wherever it runs.
func (s *Service) RemindDue(ctx context.Context) error {
	var people []struct {
		ID           uuid.UUID      `bun:"id"`
		HiredOn      *database.Date `bun:"hired_on"`
		ProbationEnd *database.Date `bun:"probation_end"`
		CreatedAt    time.Time      `bun:"created_at"`
		LastAgreed   *time.Time     `bun:"last_agreed"`
	}
	err := s.db.NewSelect().TableExpr("users AS u").ColumnExpr("u.id, u.hired_on, u.probation_end, u.created_at").
		ColumnExpr("(SELECT MAX(a.agreed_at) FROM assessments AS a WHERE a.person_id = u.id AND a.state = ?) AS last_agreed", Agreed).
		Where("u.active").
		Where("EXISTS (SELECT 1 FROM role_assignments AS ra WHERE ra.user_id = u.id AND ra.role = 'worker')").
		Where("NOT EXISTS (SELECT 1 FROM assessments AS a WHERE a.person_id = u.id AND a.state <> ?)", Agreed).
		Scan(ctx, &people)
	if err != nil {
		return err
	}
	horizon := today().Add(DueSoon)
	for _, p := range people {
		due := nextDue(p.LastAgreed, p.ProbationEnd, p.HiredOn, p.CreatedAt)
		if due.After(horizon) {
			continue
		}
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return notification.Notify(ctx, tx, notification.Notice{Kind: notification.AssessmentDue, RecipientID: p.ID,
				Entity: "person", EntityID: p.ID, Link: "/moje-hodnoceni", Params: map[string]string{"due": due.String()},
				Key: notification.AssessmentDue + ":" + due.String()})
		})
		if err != nil {
			return err
		}
	}
	return nil
}
