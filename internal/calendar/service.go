package calendar

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Limits of the feeds.
const (
	MaxFeeds = 20                   // live feeds per person: one per device is plenty
	History  = 180 * 24 * time.Hour // how far back a feed reaches; the future is all there
	touchGap = time.Hour            // how often a feed's last use is written
)

// Name is the calendar's name in the apps that subscribe to a feed.
const Name = "rozvoj – vzdělávání a supervize"

// Principals loads an active person's roles (directory.Accounts); the feed URL is the only sign-in it has.
type Principals interface {
	Principal(ctx context.Context, db bun.IDB, userID uuid.UUID) (*auth.Principal, error)
}

// Service keeps the feeds and renders them from the sources.
type Service struct {
	db      bun.IDB
	store   store
	people  Principals
	sources []Source
	baseURL string
}

// NewService wires the feeds to the directory and the sources of events; baseURL is the application's public URL
// (config BaseURL), the start of every feed URL.
func NewService(db bun.IDB, people Principals, baseURL string, sources ...Source) *Service {
	return &Service{db: db, people: people, sources: sources, baseURL: strings.TrimSuffix(baseURL, "/")}
}

var (
	errFeedNotFound = httpx.NotFound("No feed of yours has this identifier.")
	// errNoFeed answers every token that opens no feed alike: unknown, revoked, or its owner no longer active.
	errNoFeed = httpx.NotFound("No calendar feed has this address.")
)

// tokenEncoding spells tokens in lower-case base32 without padding: nothing in it a URL, a mail client or a
// calendar app's paste field would mangle.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Feeds lists the caller's live feeds.
func (s *Service) Feeds(ctx context.Context, p *auth.Principal) ([]Feed, error) {
	return s.store.feeds(ctx, s.db, p.UserID)
}

// CreateFeed makes a feed for the caller from 32 random bytes and answers its URL, this once.
func (s *Service) CreateFeed(ctx context.Context, p *auth.Principal, in FeedInput) (*NewFeed, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return nil, httpx.FieldInvalid("name", "required", "Name the feed, e.g. after the device that subscribes to it.")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	token := tokenEncoding.EncodeToString(raw)
	f := &Feed{ID: uuid.Must(uuid.NewV7()), PersonID: p.UserID, Name: name, TokenHash: auth.HashToken(token), CreatedAt: database.Now()}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		live, err := s.store.feeds(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if len(live) >= MaxFeeds {
			return httpx.Conflict("You have 20 calendar feeds already; revoke one you no longer use first.")
		}
		if err := s.store.insert(ctx, tx, f); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "create", Entity: "calendar_feed", EntityID: f.ID, After: f})
	})
	if err != nil {
		return nil, err
	}
	return &NewFeed{Feed: *f, URL: s.baseURL + "/api/v1/calendar/" + token + ".ics"}, nil
}

// RevokeFeed ends one of the caller's feeds: its URL answers 404 from now on. Anybody else's feed is not found.
func (s *Service) RevokeFeed(ctx context.Context, p *auth.Principal, id uuid.UUID) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		f, err := s.store.feed(ctx, tx, id)
		if errors.Is(err, errNotFound) || (err == nil && f.PersonID != p.UserID) {
			return errFeedNotFound
		} else if err != nil {
			return err
		}
		if err := s.store.revoke(ctx, tx, id, database.Now()); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &p.UserID, Action: "revoke", Entity: "calendar_feed", EntityID: f.ID, Before: f})
	})
}

// Calendar renders the feed a token opens: the sessions of its owner, as their roles today give them.
func (s *Service) Calendar(ctx context.Context, token string) ([]byte, error) {
	f, err := s.store.byHash(ctx, s.db, auth.HashToken(token))
	if errors.Is(err, errNotFound) {
		return nil, errNoFeed
	} else if err != nil {
		return nil, err
	}
	p, err := s.people.Principal(ctx, s.db, f.PersonID)
	if errors.Is(err, auth.ErrNoAccount) {
		return nil, errNoFeed
	} else if err != nil {
		return nil, err
	}
	now := database.Now()
	var events []Event
	for _, src := range s.sources {
		es, err := src.Events(ctx, p, now.Add(-History))
		if err != nil {
			return nil, err
		}
		events = append(events, es...)
	}
	slices.SortStableFunc(events, func(a, b Event) int { return a.Start.Compare(b.Start) })
	if err := s.store.touch(ctx, s.db, f.ID, now, touchGap); err != nil {
		return nil, err
	}
	return encode(Name, events)
}
