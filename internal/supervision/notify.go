package supervision

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// The notices of supervision (kinds in internal/notification).
const (
	KindPlanned     = notification.SupervisionPlanned
	KindMoved       = notification.SupervisionMoved
	KindCancelled   = notification.SupervisionCancelled
	KindUnconfirmed = notification.SupervisionUnconfirmed
)

// link is where a notice opens the session in the SPA.
const link = "/supervize/"

// notifyAll tells the participants and the supervisor, but not whoever did it, about sessions planned, moved or
// cancelled together: one notice for a whole series, naming its first session and how many there are.
func notifyAll(ctx context.Context, tx bun.Tx, p *auth.Principal, sessions []Session, kind string) error {
	if len(sessions) == 0 {
		return nil
	}
	first := sessions[0]
	start := first.StartsAt.In(prague)
	params := map[string]string{"kind": first.Kind, "team": first.TeamName, "date": start.Format(time.DateOnly),
		"time": start.Format("15:04"), "place": first.Place, "count": strconv.Itoa(len(sessions))}
	recipients := []uuid.UUID{first.SupervisorID}
	for _, x := range first.Participants {
		recipients = append(recipients, x.PersonID)
	}
	for _, r := range recipients {
		if r == p.UserID {
			continue
		}
		err := notification.Notify(ctx, tx, notification.Notice{Kind: kind, RecipientID: r, ActorID: &p.UserID,
			Entity: "supervision", EntityID: first.ID, Link: link + first.ID.String(), Params: params})
		if err != nil {
			return err
		}
	}
	return nil
}
