package notification

import (
	"context"
	"errors"
	"maps"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

var (
	errNotFound       = errors.New("not found")
	errNoticeNotFound = httpx.NotFound("You have no notification with this identifier.")
)

// Service answers a person about their own notices and e-mail choices.
type Service struct {
	db           bun.IDB
	store        store
	emailEnabled bool
}

// NewService serves notifications; emailEnabled says whether an SMTP server is configured, which the
// preferences report so the SPA can explain why no e-mail comes.
func NewService(db bun.IDB, emailEnabled bool) *Service {
	return &Service{db: db, emailEnabled: emailEnabled}
}

// Query filters the caller's list.
type Query struct {
	Unread bool `query:"unread"`
}

// List answers the caller's notices, newest first.
func (s *Service) List(ctx context.Context, p *auth.Principal, q Query, pr httpx.PageRequest) (httpx.Page[Notification], error) {
	var after *uuid.UUID
	if pr.Cursor != nil {
		after = new(uuid.UUID)
		if err := pr.DecodeCursor(after); err != nil {
			return httpx.Page[Notification]{}, err
		}
	}
	rows, err := s.store.list(ctx, s.db, owner(p), q.Unread, after, pr.Limit)
	return httpx.NewPage(rows, pr.Limit, func(n Notification) any { return n.ID }), err
}

// Count is the answer that is a number of notices.
type Count struct {
	Count int `json:"count"`
}

// UnreadCount is the badge on the bell.
func (s *Service) UnreadCount(ctx context.Context, p *auth.Principal) (Count, error) {
	n, err := s.store.unread(ctx, s.db, owner(p))
	return Count{n}, err
}

// Read marks one of the caller's notices read (again is fine) and answers it.
func (s *Service) Read(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Notification, error) {
	if _, err := s.store.markRead(ctx, s.db, owner(p), &id, database.Now()); err != nil {
		return nil, err
	}
	n, err := s.store.get(ctx, s.db, owner(p), id)
	if errors.Is(err, errNotFound) {
		return nil, errNoticeNotFound
	}
	return n, err
}

// ReadAll marks every unread notice of the caller read and says how many there were. Reading is not audited:
// it changes nothing anyone else relies on.
func (s *Service) ReadAll(ctx context.Context, p *auth.Principal) (Count, error) {
	n, err := s.store.markRead(ctx, s.db, owner(p), nil, database.Now())
	return Count{n}, err
}

// Preferences are a person's e-mail choice for every kind, and whether e-mail is on at all.
type Preferences struct {
	Email        map[string]bool `json:"email"`
	EmailEnabled bool            `json:"email_enabled"`
}

// PreferencesInput changes some kinds; the others keep their choice.
type PreferencesInput struct {
	Email map[string]bool `json:"email" validate:"required"`
}

// Preferences answers the caller's choices; a kind never changed is on.
func (s *Service) Preferences(ctx context.Context, p *auth.Principal) (*Preferences, error) {
	return s.preferences(ctx, s.db, owner(p))
}

func (s *Service) preferences(ctx context.Context, db bun.IDB, userID uuid.UUID) (*Preferences, error) {
	stored, err := s.store.preferences(ctx, db, userID)
	if err != nil {
		return nil, err
	}
	out := &Preferences{Email: make(map[string]bool, len(texts)), EmailEnabled: s.emailEnabled}
	for _, kind := range Kinds() {
		out.Email[kind] = true
	}
	for _, pr := range stored {
		if _, known := texts[pr.Kind]; known { // a kind since retired is no longer offered
			out.Email[pr.Kind] = pr.Email
		}
	}
	return out, nil
}

// SetPreferences stores the caller's choices for the kinds given and answers all of them.
func (s *Service) SetPreferences(ctx context.Context, p *auth.Principal, in PreferencesInput) (*Preferences, error) {
	var bad []httpx.FieldError
	for _, kind := range slices.Sorted(maps.Keys(in.Email)) {
		if _, known := texts[kind]; !known {
			bad = append(bad, httpx.FieldError{Field: "email." + kind, Code: "kind", Message: "There is no notification of this kind."})
		}
	}
	if len(bad) > 0 {
		return nil, httpx.Invalid(bad...)
	}
	me := owner(p)
	var out *Preferences
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.preferences(ctx, tx, me)
		if err != nil {
			return err
		}
		changes := make([]preference, 0, len(in.Email))
		for kind, on := range in.Email {
			changes = append(changes, preference{UserID: me, Kind: kind, Email: on})
		}
		if err := s.store.savePreferences(ctx, tx, changes); err != nil {
			return err
		}
		if out, err = s.preferences(ctx, tx, me); err != nil || maps.Equal(before.Email, out.Email) {
			return err // nothing changed, nothing to audit
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &me, SubjectID: &me, Action: "update", Entity: "notification_preferences",
			EntityID: me, Before: before.Email, After: out.Email})
	})
	return out, err
}
