package notification

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// Notice is what a feature tells Notify: who hears about what, and the values its texts need.
type Notice struct {
	Kind        string            // one of the Kind constants
	RecipientID uuid.UUID         // who is told
	ActorID     *uuid.UUID        // who caused it (nil for the system, e.g. reminders)
	Entity      string            // "assessment", "plan", …
	EntityID    uuid.UUID         // the record the notice is about
	Link        string            // SPA path the notice opens, e.g. "/tym/hodnoceni/<id>"
	Params      map[string]string // values for the texts, e.g. {"due": "2027-01-31"}; "actor" is filled in
	Key         string            // optional: at most one notice per recipient and key (reminders stay single)
}

// Notify writes the in-app notice and, unless the recipient turned e-mail of this kind off or no longer works
// here, the e-mail into the outbox. Call it with the transaction of the change it announces, so both land
// together or not at all. A Key the recipient already had makes it do nothing; so does telling people about
// their own action.
func Notify(ctx context.Context, db bun.IDB, n Notice) error {
	if _, ok := texts[n.Kind]; !ok {
		return fmt.Errorf("notification: unknown kind %q", n.Kind)
	}
	if n.ActorID != nil && *n.ActorID == n.RecipientID {
		return nil
	}
	recipient, err := findPerson(ctx, db, n.RecipientID)
	if err != nil {
		return fmt.Errorf("notification: recipient: %w", err)
	}
	// The texts see the actor's name; a caller cannot forget it, and cannot get it wrong.
	params := map[string]string{"actor": "rozvoj", "recipient": recipient.Name}
	if n.ActorID != nil {
		actor, err := findPerson(ctx, db, *n.ActorID)
		if err != nil {
			return fmt.Errorf("notification: actor: %w", err)
		}
		params["actor"] = actor.Name
	}
	maps.Copy(params, n.Params)
	subject, body, err := render(n.Kind, params)
	if err != nil {
		return err
	}

	row := &Notification{ID: uuid.Must(uuid.NewV7()), RecipientID: n.RecipientID, Kind: n.Kind, ActorID: n.ActorID,
		Entity: n.Entity, EntityID: n.EntityID, Link: n.Link, Params: n.Params, CreatedAt: database.Now()}
	if row.Params == nil {
		row.Params = map[string]string{}
	}
	if n.Key != "" {
		row.DedupKey = &n.Key
	}
	res, err := db.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx)
	if err != nil {
		return err
	}
	if inserted, err := res.RowsAffected(); err != nil || inserted == 0 {
		return err // a notice with this key exists: nothing more to say
	}

	if !recipient.Active {
		return nil
	}
	on, err := wantsEmail(ctx, db, n.RecipientID, n.Kind)
	if err != nil || !on {
		return err
	}
	_, err = db.NewInsert().Model(&outboxMail{ID: uuid.Must(uuid.NewV7()), NotificationID: row.ID,
		ToAddress: recipient.Email, ToName: recipient.Name, Subject: subject, Body: body, Link: n.Link,
		State: pending, NextAttemptAt: row.CreatedAt, CreatedAt: row.CreatedAt}).Exec(ctx)
	return err
}

func findPerson(ctx context.Context, db bun.IDB, id uuid.UUID) (*person, error) {
	p := new(person)
	err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no user %s", id)
	}
	return p, err
}

// wantsEmail reads one kind's choice; e-mail is on unless the person turned it off.
func wantsEmail(ctx context.Context, db bun.IDB, userID uuid.UUID, kind string) (bool, error) {
	var email []bool
	err := db.NewSelect().Model((*preference)(nil)).Column("email").
		Where("user_id = ? AND kind = ?", userID, kind).Scan(ctx, &email)
	return len(email) == 0 || email[0], err
}
