package notification

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"gopkg.in/yaml.v3"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// newPerson inserts a user directly: the notification tests need only a name, an address and "active".
func newPerson(t *testing.T, db bun.IDB, name, email string) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	now := database.Now()
	_, err := db.NewInsert().Model(&map[string]any{"id": id, "email": email, "name": name, "search_text": strings.ToLower(name),
		"created_at": now, "updated_at": now}).TableExpr("users").Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func outbox(t *testing.T, db bun.IDB) []outboxMail {
	t.Helper()
	var rows []outboxMail
	if err := db.NewSelect().Model(&rows).Order("id").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rows
}

func notices(t *testing.T, db bun.IDB, recipient uuid.UUID) []Notification {
	t.Helper()
	var rows []Notification
	if err := db.NewSelect().Model(&rows).Where("recipient_id = ?", recipient).Order("id").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestNotify(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		lead := newPerson(t, db, "Vedoucí Věra", "vera@test.cz")
		worker := newPerson(t, db, "Jana Nováková", "jana@test.cz")
		assessmentID := uuid.Must(uuid.NewV7())
		submitted := Notice{Kind: AssessmentSubmitted, RecipientID: lead, ActorID: &worker, Entity: "assessment",
			EntityID: assessmentID, Link: "/tym/hodnoceni/" + assessmentID.String(), Params: map[string]string{"extra": "x"}}
		if err := Notify(ctx, db, submitted); err != nil {
			t.Fatal(err)
		}
		got := notices(t, db, lead)
		if len(got) != 1 || got[0].Kind != AssessmentSubmitted || got[0].EntityID != assessmentID || got[0].ReadAt != nil ||
			*got[0].ActorID != worker || got[0].Params["extra"] != "x" || got[0].Link != submitted.Link {
			t.Fatalf("in-app notice: %+v", got)
		}
		mails := outbox(t, db)
		if len(mails) != 1 {
			t.Fatalf("outbox: %+v", mails)
		}
		m := mails[0]
		if m.NotificationID != got[0].ID || m.ToAddress != "vera@test.cz" || m.ToName != "Vedoucí Věra" || m.State != pending ||
			m.Attempts != 0 || m.Link != submitted.Link || m.SentAt != nil || m.ClaimedUntil != nil {
			t.Errorf("outbox row: %+v", m)
		}
		if m.Subject != "Sebehodnocení k posouzení: Jana Nováková" || !strings.Contains(m.Body, "Jana Nováková odevzdal(a) sebehodnocení") ||
			!strings.Contains(m.Body, "submitted a self-assessment") {
			t.Errorf("texts: %q / %q", m.Subject, m.Body)
		}

		// A reminder with a key is written once per person, however often the task runs.
		due := Notice{Kind: AssessmentDue, RecipientID: worker, Entity: "person", EntityID: worker, Link: "/hodnoceni",
			Params: map[string]string{"due": "2027-01-31"}, Key: "assessment.due:2027-01-31"}
		for range 3 {
			if err := Notify(ctx, db, due); err != nil {
				t.Fatal(err)
			}
		}
		if n := notices(t, db, worker); len(n) != 1 || n[0].ActorID != nil || *n[0].DedupKey != due.Key {
			t.Fatalf("keyed notices: %+v", n)
		}
		mails = outbox(t, db)
		if len(mails) != 2 || mails[1].Subject != "Blíží se termín sebehodnocení (31. 1. 2027)" ||
			!strings.Contains(mails[1].Body, "hotové do 31. 1. 2027") || !strings.Contains(mails[1].Body, "due on 2027-01-31") {
			t.Fatalf("reminder mail: %+v", mails)
		}
		// The same key belongs to each recipient separately.
		due.RecipientID = lead
		if err := Notify(ctx, db, due); err != nil {
			t.Fatal(err)
		}
		if n := notices(t, db, lead); len(n) != 2 {
			t.Fatalf("the lead's keyed notice: %+v", n)
		}

		// E-mail of a kind turned off: the notice still shows in the app.
		if _, err := db.NewInsert().Model(&preference{UserID: worker, Kind: AssessmentReturned, Email: false}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		before := len(outbox(t, db))
		returned := Notice{Kind: AssessmentReturned, RecipientID: worker, ActorID: &lead, Entity: "assessment", EntityID: assessmentID, Link: "/hodnoceni"}
		if err := Notify(ctx, db, returned); err != nil {
			t.Fatal(err)
		}
		if len(outbox(t, db)) != before || len(notices(t, db, worker)) != 2 {
			t.Errorf("preference off: %d mails (want %d), notices %+v", len(outbox(t, db)), before, notices(t, db, worker))
		}
		// Turned on explicitly, it mails again.
		if _, err := db.NewUpdate().Model(&preference{UserID: worker, Kind: AssessmentReturned, Email: true}).WherePK().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if err := Notify(ctx, db, returned); err != nil {
			t.Fatal(err)
		}
		if len(outbox(t, db)) != before+1 {
			t.Errorf("preference on again: %d mails", len(outbox(t, db)))
		}

		// Someone who left gets no e-mail; the notice waits in case they come back.
		if _, err := db.NewUpdate().Table("users").Set("active = ?", false).Where("id = ?", worker).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		before = len(outbox(t, db))
		if err := Notify(ctx, db, returned); err != nil {
			t.Fatal(err)
		}
		if len(outbox(t, db)) != before || len(notices(t, db, worker)) != 4 {
			t.Errorf("inactive recipient: %d mails (want %d), %d notices", len(outbox(t, db)), before, len(notices(t, db, worker)))
		}

		// Nobody is told about their own action.
		if err := Notify(ctx, db, Notice{Kind: PlanApproved, RecipientID: lead, ActorID: &lead, Entity: "plan", EntityID: lead}); err != nil {
			t.Fatal(err)
		}
		if n := notices(t, db, lead); len(n) != 2 {
			t.Errorf("self-notice written: %+v", n)
		}
	})
}

// TestNotifyRefuses: a caller's mistake is an error (which rolls its transaction back), never a half-written notice.
func TestNotifyRefuses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		worker := newPerson(t, db, "Jana Nováková", "jana@test.cz")
		for name, n := range map[string]Notice{
			"unknown kind":      {Kind: "assessment.eaten", RecipientID: worker},
			"missing param":     {Kind: AssessmentDue, RecipientID: worker},
			"unknown recipient": {Kind: PlanApproved, RecipientID: uuid.New()},
		} {
			if err := Notify(ctx, db, n); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		// Inside a transaction that fails later, the notice and its e-mail go away with it.
		boom := errors.New("the change failed")
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := Notify(ctx, tx, Notice{Kind: PlanApproved, RecipientID: worker, Entity: "plan", EntityID: worker}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) || len(notices(t, db, worker)) != 0 || len(outbox(t, db)) != 0 {
			t.Errorf("rolled back: %v, %d notices, %d mails", err, len(notices(t, db, worker)), len(outbox(t, db)))
		}
	})
}

// TestTexts renders every kind with the params its callers give, so a template error shows here, not in
// someone's transaction.
func TestTexts(t *testing.T) {
	for _, kind := range Kinds() {
		subject, body, err := render(kind, map[string]string{"actor": "Jana Nováková", "recipient": "Věra", "due": "2027-01-31",
			"course": "Práce s rodinou", "date": "2027-03-01", "time": "09:00", "position": "3",
			"title": "Supervize v praxi", "hours": "8", "reason": "Osvědčení je na jiné jméno.",
			"team": "Tým OSPOD", "place": "Jihlava", "count": "8"})
		if err != nil || subject == "" || strings.Contains(subject+body, "<no value>") || !strings.Contains(body, "\n\n") {
			t.Errorf("%s: %q %q %v", kind, subject, body, err)
		}
	}
	if got := czechDate("2027-01-05"); got != "5. 1. 2027" {
		t.Errorf("czechDate: %q", got)
	}
}

// TestDocumentedKinds: the OpenAPI document lists exactly the kinds there are, in the notice and in the
// preferences, so a kind added here without the document (or the reverse) fails.
func TestDocumentedKinds(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Notification struct {
					Properties struct {
						Kind struct{ Enum []string }
					}
				} `yaml:"Notification"`
				NotificationPreferences struct {
					Properties struct {
						Email struct {
							Required   []string
							Properties map[string]any
						}
					}
				} `yaml:"NotificationPreferences"`
			}
		}
	}
	if err := yaml.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas
	email := s.NotificationPreferences.Properties.Email
	for name, got := range map[string][]string{
		"Notification.kind": s.Notification.Properties.Kind.Enum, "preferences required": email.Required,
		"preferences properties": slices.Collect(maps.Keys(email.Properties)),
	} {
		if slices.Sort(got); !slices.Equal(got, Kinds()) {
			t.Errorf("%s lists %v, the kinds are %v", name, got, Kinds())
		}
	}
}
