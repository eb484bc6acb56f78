package training_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/training"
)

// seedPeople stores a provider organisation, its provider and n workers directly: hashing a hundred passwords
// would only slow the set-up, and the directory is tested elsewhere.
func seedPeople(t *testing.T, db *database.DB, n int) (provider *auth.Principal, workers []*auth.Principal) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	org := &directory.Organization{ID: uuid.New(), Kind: directory.KindProvider, Name: "Rush", SearchText: "rush",
		ICO: "05100046", Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	users := make([]directory.User, n+1)
	for i := range users {
		users[i] = directory.User{ID: uuid.New(), Email: fmt.Sprintf("r%d@rush.cz", i), Name: fmt.Sprintf("Person %03d", i),
			SearchText: "person", Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, m := range []any{org, &users} {
			if _, err := tx.NewInsert().Model(m).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	provider = &auth.Principal{UserID: users[n].ID, Grants: []auth.Grant{{Role: auth.Provider, OrganizationID: &org.ID}}}
	for _, u := range users[:n] {
		workers = append(workers, &auth.Principal{UserID: u.ID, Grants: []auth.Grant{{Role: auth.Worker}}})
	}
	return provider, workers
}

// TestConcurrentRegistrations: 100 people register at once for a 20-seat session; exactly 20 are confirmed and 80
// waitlisted at positions 1..80, and nobody gets an error. Then 10 confirmed people cancel at once: their seats
// go to the first 10 on the waitlist, and the seats are still exactly 20.
func TestConcurrentRegistrations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		provider, workers := seedPeople(t, db, 100)
		svc := training.NewService(db, directory.NewService(db), framework.NewService(db), "http://rozvoj.test")
		title, form, hours, published := "Krizová intervence", "course", 8, true
		c, err := svc.CreateCourse(ctx, provider, training.CourseInput{Title: &title, Form: &form, Hours: &hours, Published: &published})
		if err != nil {
			t.Fatal(err)
		}
		start, end := at(20, 8), at(20, 15)
		place, capacity := "Olomouc", 20
		se, err := svc.CreateSession(ctx, provider, c.ID, training.SessionInput{StartsAt: &start, EndsAt: &end, Place: &place, Capacity: &capacity})
		if err != nil {
			t.Fatal(err)
		}

		all := func(f func(p *auth.Principal) error, who []*auth.Principal) {
			t.Helper()
			var wg sync.WaitGroup
			errs := make(chan error, len(who))
			for _, p := range who {
				wg.Go(func() {
					if err := f(p); err != nil {
						errs <- err
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("%v", err)
			}
		}
		check := func(confirmed, waitlisted int) []training.Registration {
			t.Helper()
			page, err := svc.Registrations(ctx, provider, training.RegistrationQuery{SessionID: se.ID.String()}, httpx.PageRequest{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			var positions []int
			var n int
			for _, r := range page.Items {
				switch r.Status {
				case training.Confirmed:
					n++
				case training.Waitlisted:
					positions = append(positions, *r.Position)
				}
			}
			slices.Sort(positions)
			want := make([]int, waitlisted)
			for i := range want {
				want[i] = i + 1
			}
			if n != confirmed || !slices.Equal(positions, want) {
				t.Fatalf("%d confirmed, want %d; waitlist positions %v, want 1..%d", n, confirmed, positions, waitlisted)
			}
			s, err := svc.Session(ctx, provider, se.ID)
			if err != nil || s.Confirmed != confirmed || s.Waitlisted != waitlisted || s.Status != training.Full {
				t.Fatalf("session: %+v %v", s, err)
			}
			return page.Items
		}

		all(func(p *auth.Principal) error {
			_, err := svc.Register(ctx, p, se.ID, training.RegistrationInput{})
			return err
		}, workers)
		regs := check(20, 80)

		var leaving []*auth.Principal
		byPerson := map[uuid.UUID]uuid.UUID{}
		for _, r := range regs {
			if r.Status == training.Confirmed && len(leaving) < 10 {
				byPerson[r.PersonID] = r.ID
				leaving = append(leaving, &auth.Principal{UserID: r.PersonID, Grants: []auth.Grant{{Role: auth.Worker}}})
			}
		}
		all(func(p *auth.Principal) error {
			_, err := svc.Withdraw(ctx, p, byPerson[p.UserID])
			return err
		}, leaving)
		check(20, 70)
	})
}
