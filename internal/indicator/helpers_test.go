package indicator_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
)

// valueJSON and indicatorsJSON are the answer as the tests read it.
type valueJSON struct {
	Indicator  string   `json:"indicator"`
	Kind       string   `json:"kind"`
	Suppressed bool     `json:"suppressed"`
	Value      *float64 `json:"value"`
	N          *int     `json:"n"`
}

type indicatorsJSON struct {
	Name          string      `json:"name"`
	From          string      `json:"from"`
	To            string      `json:"to"`
	Indicators    []valueJSON `json:"indicators"`
	Organizations []struct {
		ID         uuid.UUID   `json:"id"`
		Name       string      `json:"name"`
		Indicators []valueJSON `json:"indicators"`
	} `json:"organizations"`
}

// get finds one indicator's cell.
func (r indicatorsJSON) get(t *testing.T, indicator, kind string) valueJSON {
	t.Helper()
	for _, v := range r.Indicators {
		if v.Indicator == indicator && v.Kind == kind {
			return v
		}
	}
	t.Fatalf("no %s %s in %+v", indicator, kind, r.Indicators)
	return valueJSON{}
}

// env is a running app with its fixture world, everybody signed in.
type env struct {
	s   *apitest.Server
	w   *apitest.World
	tok map[string]string
	db  *database.DB
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	return &env{s: s, w: w, tok: w.Tokens(t, s), db: db}
}

// indicators asks as a fixture person and wants 200.
func (e *env) indicators(t *testing.T, who, scope, id, period string) indicatorsJSON {
	t.Helper()
	r := e.s.Get(t, fmt.Sprintf("/api/v1/indicators?scope=%s&id=%s&period=%s", scope, id, period), e.tok[who])
	if r.Status != 200 {
		t.Fatalf("%s %s %s as %s: %d %s", scope, id, period, who, r.Status, r.Body)
	}
	var out indicatorsJSON
	r.JSON(t, &out)
	return out
}

// exec runs a statement of the seed, failing the test on error.
func (e *env) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := e.db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// organization makes an organisation in a region.
func (e *env) organization(t *testing.T, name, ico, region string) uuid.UUID {
	t.Helper()
	now := database.Now()
	o := &directory.Organization{ID: uuid.New(), Kind: directory.KindMunicipality, Name: name, SearchText: name, ICO: ico,
		RegionCode: &region, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := e.db.NewInsert().Model(o).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// person makes a person of an organisation, with the worker role when worker is set; a social worker (so that § 111
// applies) hired long ago when social is set.
func (e *env) person(t *testing.T, org uuid.UUID, worker, social, active bool) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	now := database.Now()
	id := uuid.New()
	u := &directory.User{ID: id, Email: id.String() + "@test.cz", Name: "Osoba " + id.String()[:8], SearchText: "osoba",
		OrganizationID: &org, Active: active, Version: 1, CreatedAt: now, UpdatedAt: now}
	if social {
		var position uuid.UUID
		if err := e.db.NewSelect().Table("positions").Column("id").Where("code = 'ospod-social-worker'").Scan(ctx, &position); err != nil {
			t.Fatal(err)
		}
		kind, hired := "employee", database.NewDate(2015, 1, 1)
		u.PositionID, u.EmploymentType, u.HiredOn = &position, &kind, &hired
	}
	if _, err := e.db.NewInsert().Model(u).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if worker {
		ra := &directory.RoleAssignment{ID: uuid.New(), UserID: id, Role: auth.Worker, CreatedAt: now}
		if _, err := e.db.NewInsert().Model(ra).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// prague is noon of a day in Prague.
func prague(day string) time.Time {
	loc, _ := time.LoadLocation("Europe/Prague")
	d, _ := time.ParseInLocation(time.DateOnly, day, loc)
	return d.Add(12 * time.Hour).UTC()
}
