package training

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/notification"
)

// sessionLink is where a notice opens the session in the SPA.
const sessionLink = "/vzdelavani/terminy/"

// notice tells a person about a session: the course, the Prague day and time it starts, and for a waitlisted
// registration its position ("" otherwise). actor is nil when the system did it (a confirmation, a promotion).
func notice(ctx context.Context, tx bun.Tx, actor *uuid.UUID, kind string, recipient uuid.UUID, sessionID uuid.UUID,
	course string, startsAt time.Time, position *int) error {
	return notification.Notify(ctx, tx, sessionNotice(actor, kind, recipient, sessionID, course, startsAt, position))
}

// sessionNotice is the notice notice sends, for a caller that adds to it (a reminder's key).
func sessionNotice(actor *uuid.UUID, kind string, recipient uuid.UUID, sessionID uuid.UUID, course string, startsAt time.Time,
	position *int) notification.Notice {
	start := startsAt.In(prague)
	params := map[string]string{"course": course, "date": start.Format(time.DateOnly), "time": start.Format("15:04"), "position": ""}
	if position != nil {
		params["position"] = strconv.Itoa(*position)
	}
	return notification.Notice{
		Kind: kind, RecipientID: recipient, ActorID: actor, Entity: "session", EntityID: sessionID,
		Link: sessionLink + sessionID.String(), Params: params,
	}
}

// notifyRegistrants tells everybody with a seat or on the waitlist that the session changed or was cancelled.
func (s *Service) notifyRegistrants(ctx context.Context, tx bun.Tx, actor uuid.UUID, se *Session, kind string) error {
	regs, err := s.store.live(ctx, tx, se.ID)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if err := notice(ctx, tx, &actor, kind, r.PersonID, se.ID, se.CourseTitle, se.StartsAt, nil); err != nil {
			return err
		}
	}
	return nil
}
