package plan

import (
	"context"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// Where a notice opens the plan in the SPA: the person's own plan, or the plan among the lead's team.
const (
	personLink = "/muj-plan/"
	leadLink   = "/tym/plany/"
)

// notice is a plan's notice of a kind to one recipient, written in the change's transaction.
func notice(ctx context.Context, tx bun.Tx, actor *auth.Principal, pl *Plan, kind string, recipient uuid.UUID, link string) error {
	return notification.Notify(ctx, tx, notification.Notice{
		Kind: kind, RecipientID: recipient, ActorID: &actor.UserID, Entity: "plan", EntityID: pl.ID,
		Link: link + pl.ID.String(),
		Params: map[string]string{
			"person_name": pl.PersonName, "period_start": pl.PeriodStart.String(), "period_end": pl.PeriodEnd.String(),
		},
	})
}

// leadsOf asks the directory, before the change's transaction (see teamsOf), who leads the plan's person.
func (s *Service) leadsOf(ctx context.Context, planID uuid.UUID) ([]uuid.UUID, error) {
	teams, err := s.teamsOf(ctx, planID)
	if err != nil {
		return nil, err
	}
	return s.directory.LeadsOf(ctx, teams)
}

// notifyLeads tells every lead of the person's teams that a plan waits for their approval.
func notifyLeads(ctx context.Context, tx bun.Tx, actor *auth.Principal, pl *Plan, leads []uuid.UUID) error {
	for _, lead := range leads {
		if err := notice(ctx, tx, actor, pl, notification.PlanProposed, lead, leadLink); err != nil {
			return err
		}
	}
	return nil
}

// notifyPerson tells the person what their lead decided.
func notifyPerson(ctx context.Context, tx bun.Tx, actor *auth.Principal, pl *Plan, kind string) error {
	return notice(ctx, tx, actor, pl, kind, pl.PersonID, personLink)
}
