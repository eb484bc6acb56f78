package directory

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
)

// InvitationTTL is how long an invitation's link works.
const InvitationTTL = 7 * 24 * time.Hour

// InvitationPath is the SPA page where an invited person sets their password; the token follows as ?pozvanka=.
const InvitationPath = "/nastavit-heslo"

type invitation struct {
	bun.BaseModel `bun:"table:invitations"`

	TokenHash string     `bun:"token_hash,pk"`
	UserID    uuid.UUID  `bun:"user_id"`
	ExpiresAt time.Time  `bun:"expires_at"`
	UsedAt    *time.Time `bun:"used_at"`
	CreatedBy uuid.UUID  `bun:"created_by"`
	CreatedAt time.Time  `bun:"created_at"`
}

// InviteInput names an external supervisor to invite.
type InviteInput struct {
	Email string `json:"email" validate:"required,email,max=254"`
	Name  string `json:"name" validate:"required,max=200"`
}

// Invited is the supervisor a lead invited or found; Created says whether the account is new (and an invitation
// to set its password was sent).
type Invited struct {
	Named
	Created bool `json:"created"`
}

// InviteSupervisor lets a lead name an external supervisor by e-mail: an existing supervisor is answered as they
// are; an address of someone who is not a supervisor is 409 on email (their roles are their admin's business);
// otherwise a supervisor account without a password is made, with a one-time link to set it sent by e-mail, in
// one transaction.
func (s *Service) InviteSupervisor(ctx context.Context, p *auth.Principal, in InviteInput) (*Invited, error) {
	in.Email, in.Name = strings.ToLower(strings.TrimSpace(in.Email)), strings.TrimSpace(in.Name)
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	if len(p.LedTeams()) == 0 && !p.Has(auth.Admin) {
		return nil, httpx.Forbidden("Only leads and admins invite supervisors.")
	}
	email := in.Email
	var existing []User
	if err := s.db.NewSelect().Model(&existing).Where("email = ?", email).Scan(ctx); err != nil {
		return nil, err
	}
	if len(existing) == 1 {
		ok, err := s.Holds(ctx, existing[0].ID, auth.Supervisor)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, httpx.FieldConflict("email", "This address belongs to someone who is not a supervisor.")
		}
		return &Invited{Named: Named{ID: existing[0].ID, Name: existing[0].Name}}, nil
	}
	now := database.Now()
	u := &User{ID: newID(), Email: email, Name: in.Name, SearchText: database.Fold(in.Name),
		Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	token := config.RandomToken(32)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.insertUser(ctx, tx, u); err != nil {
			return userWriteError(err)
		}
		if err := s.store.replaceRoles(ctx, tx, u.ID, []RoleAssignment{{ID: newID(), UserID: u.ID, Role: auth.Supervisor, CreatedAt: now}}); err != nil {
			return err
		}
		inv := &invitation{TokenHash: auth.HashToken(token), UserID: u.ID, ExpiresAt: now.Add(InvitationTTL), CreatedBy: p.UserID, CreatedAt: now}
		if _, err := tx.NewInsert().Model(inv).Exec(ctx); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &u.ID, Action: "invite", Entity: "user", EntityID: u.ID, After: u}); err != nil {
			return err
		}
		return notification.Notify(ctx, tx, notification.Notice{Kind: notification.AccountInvited, RecipientID: u.ID, ActorID: &p.UserID,
			Entity: "user", EntityID: u.ID, Link: InvitationPath + "?pozvanka=" + token, Params: map[string]string{}})
	})
	if err != nil {
		return nil, err
	}
	return &Invited{Named: Named{ID: u.ID, Name: u.Name}, Created: true}, nil
}

// AcceptInput sets an invited person's password.
type AcceptInput struct {
	Token    string `json:"token" validate:"required,max=200"`
	Password string `json:"password" validate:"required,min=10,max=200"`
}

var errInvitation = httpx.FieldInvalid("token", "invitation", "This link is not valid: it was used already, it expired, or it was never sent. Ask for a new one.")

// AcceptInvitation sets the password of the invited person, once, within the link's week.
func (s *Service) AcceptInvitation(ctx context.Context, in AcceptInput) error {
	if err := httpx.Check(in); err != nil {
		return err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv := new(invitation)
		err := tx.NewSelect().Model(inv).Where("token_hash = ?", auth.HashToken(in.Token)).Scan(ctx)
		now := database.Now()
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return errInvitation
		case err != nil:
			return err
		case inv.UsedAt != nil || now.After(inv.ExpiresAt):
			return errInvitation
		}
		r, err := tx.NewUpdate().Model((*invitation)(nil)).Set("used_at = ?", now).
			Where("token_hash = ? AND used_at IS NULL", inv.TokenHash).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return errInvitation // used by a concurrent request
		}
		if _, err := tx.NewUpdate().Model((*User)(nil)).Set("password_hash = ?, updated_at = ?", hash, now).
			Where("id = ?", inv.UserID).Exec(ctx); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &inv.UserID, SubjectID: &inv.UserID, Action: "accept_invitation", Entity: "user", EntityID: inv.UserID})
	})
}
