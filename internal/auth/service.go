package auth

import (
	"context"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Account is what sign-in needs to know about a person; the directory owns the records.
type Account struct {
	UserID       uuid.UUID
	PasswordHash string
	Active       bool
}

// ErrNoAccount is returned by Accounts when nobody has the e-mail or the user does not exist.
var ErrNoAccount = errors.New("no such account")

// Accounts is the directory as sign-in sees it.
type Accounts interface {
	AccountByEmail(ctx context.Context, db bun.IDB, email string) (Account, error)
	// Principal loads an active person's grants; ErrNoAccount when missing or deactivated.
	Principal(ctx context.Context, db bun.IDB, userID uuid.UUID) (*Principal, error)
}

// Login rate limits (PRODUCT.md §4): per account and per address, over a sliding window.
const (
	limitWindow     = 15 * time.Minute
	limitPerAccount = 5
	limitPerAddress = 30
)

// Service signs people in and out and rotates their refresh tokens.
type Service struct {
	db         bun.IDB
	accounts   Accounts
	tokens     *Tokens
	refreshTTL time.Duration
	store      store
}

// NewService wires sign-in.
func NewService(db bun.IDB, accounts Accounts, cfg config.Config) *Service {
	return &Service{db: db, accounts: accounts, tokens: NewTokens(cfg.Secret, cfg.AccessTTL), refreshTTL: cfg.RefreshTTL}
}

// Session is what a successful sign-in or refresh gives: a new access token and the next refresh token.
type Session struct {
	UserID        uuid.UUID
	AccessToken   string
	AccessExpires time.Duration
	RefreshToken  string
	RefreshExpiry time.Time
}

var errBadCredentials = httpx.Unauthorized("The e-mail or the password is wrong.")

// Login checks the password under the rate limits; every failure counts against the account and the address.
func (s *Service) Login(ctx context.Context, email, password, address string) (*Session, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := database.Now()
	accountKey, addressKey := "email:"+email, "ip:"+address
	for _, lim := range []struct {
		key string
		max int
	}{{accountKey, limitPerAccount}, {addressKey, limitPerAddress}} {
		n, oldest, err := s.store.failures(ctx, s.db, lim.key, now.Add(-limitWindow))
		if err != nil {
			return nil, err
		}
		if n >= lim.max {
			wait := int(math.Ceil(oldest.Add(limitWindow).Sub(now).Seconds()))
			return nil, httpx.TooManyRequests("Too many failed sign-ins. Wait a while and try again.", max(wait, 1))
		}
	}
	acc, err := s.accounts.AccountByEmail(ctx, s.db, email)
	if err != nil && !errors.Is(err, ErrNoAccount) {
		return nil, err
	}
	if !CheckPassword(password, acc.PasswordHash) || !acc.Active {
		for _, key := range []string{accountKey, addressKey} {
			if err := s.store.addFailure(ctx, s.db, key, now, now.Add(-limitWindow)); err != nil {
				return nil, err
			}
		}
		return nil, errBadCredentials
	}
	if err := s.store.clearFailures(ctx, s.db, accountKey); err != nil {
		return nil, err
	}
	return s.issue(ctx, s.db, acc.UserID, uuid.Nil, now)
}

// Refresh trades a refresh token for a new pair. A token that was already used means it was copied: the whole
// family is revoked, so the thief's and the owner's sessions both end and the owner signs in again.
func (s *Service) Refresh(ctx context.Context, raw string) (*Session, error) {
	if raw == "" {
		return nil, httpx.Unauthorized("No session; sign in.")
	}
	now := database.Now()
	hash := HashToken(raw)
	var (
		sess   *Session
		reused *RefreshToken
	)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		won, err := s.store.useRefresh(ctx, tx, hash, now)
		if err != nil {
			return err
		}
		t, err := s.store.refreshByHash(ctx, tx, hash)
		if err != nil {
			return err
		}
		if t == nil {
			return httpx.Unauthorized("The session is not valid; sign in.")
		}
		if !won {
			reused = t
			return nil
		}
		if _, err := s.accounts.Principal(ctx, tx, t.UserID); err != nil {
			if errors.Is(err, ErrNoAccount) {
				return errSessionEnded
			}
			return err
		}
		sess, err = s.issue(ctx, tx, t.UserID, t.FamilyID, now)
		return err
	})
	if reused != nil {
		if reused.UsedAt != nil && reused.RevokedAt == nil {
			if err := s.store.revokeFamily(ctx, s.db, reused.FamilyID, now); err != nil {
				return nil, err
			}
		}
		err = errSessionEnded
	}
	if errors.Is(err, errSessionEnded) {
		return nil, httpx.Unauthorized("The session has ended; sign in again.")
	}
	return sess, err
}

var errSessionEnded = errors.New("session ended")

// Logout revokes the whole family of the given refresh token; an unknown or empty token is fine.
func (s *Service) Logout(ctx context.Context, raw string) error {
	if raw == "" {
		return nil
	}
	t, err := s.store.refreshByHash(ctx, s.db, HashToken(raw))
	if err != nil || t == nil {
		return err
	}
	return s.store.revokeFamily(ctx, s.db, t.FamilyID, database.Now())
}

func (s *Service) issue(ctx context.Context, db bun.IDB, userID, family uuid.UUID, now time.Time) (*Session, error) {
	if family == uuid.Nil {
		family = uuid.Must(uuid.NewV7())
	}
	access, err := s.tokens.Issue(userID, now)
	if err != nil {
		return nil, err
	}
	raw := config.RandomToken(32)
	t := &RefreshToken{
		ID: uuid.Must(uuid.NewV7()), FamilyID: family, UserID: userID, TokenHash: HashToken(raw),
		ExpiresAt: now.Add(s.refreshTTL), CreatedAt: now,
	}
	if err := s.store.insertRefresh(ctx, db, t); err != nil {
		return nil, err
	}
	return &Session{UserID: userID, AccessToken: access, AccessExpires: s.tokens.ttl, RefreshToken: raw, RefreshExpiry: t.ExpiresAt}, nil
}

// Authenticate turns a bearer token into the caller's principal, loaded fresh so a deactivated person or a
// removed role stops working at once, not when the token expires.
func (s *Service) Authenticate(ctx context.Context, bearer string) (*Principal, error) {
	id, err := s.tokens.Parse(bearer)
	if err != nil {
		return nil, httpx.Unauthorized("The access token is missing, expired or not valid.")
	}
	p, err := s.accounts.Principal(ctx, s.db, id)
	if errors.Is(err, ErrNoAccount) {
		return nil, httpx.Unauthorized("This account is not active.")
	}
	return p, err
}
