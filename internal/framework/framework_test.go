package framework_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
)

func positionIDs(t *testing.T, db *database.DB) map[string]uuid.UUID {
	ps, err := directory.NewService(db).Positions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]uuid.UUID{}
	for _, p := range ps {
		out[p.Code] = p.ID
	}
	return out
}

func TestSyncAndRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		svc := framework.NewService(db)
		models, err := framework.LoadShipped(testFiles())
		if err != nil {
			t.Fatal(err)
		}
		positions := positionIDs(t, db)
		for i := 0; i < 2; i++ { // the second start finds the model stored and leaves it alone
			if err := svc.SyncShipped(ctx, log, models, positions); err != nil {
				t.Fatalf("sync %d: %v", i+1, err)
			}
		}
		count := func(table string) int64 {
			n, err := db.NewSelect().Table(table).Where("framework_id = ?", testFrameworkID).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if count("framework_items") != 5 || count("competency_indicators") != 20 || count("position_profiles") != 1 {
			t.Errorf("stored %d items, %d indicators, %d profiles", count("framework_items"), count("competency_indicators"), count("position_profiles"))
		}

		// A published version never changes: a changed file with the same id is refused, nothing written.
		changed := strings.Replace(testModel(testFrameworkID), "Kompetence 1", "Kompetence jedna", 1)
		changedModels, err := framework.LoadShipped(fstest.MapFS{"test-0.1.yaml": {Data: []byte(changed)}})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.SyncShipped(ctx, log, changedModels, positions); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("a changed published model: %v", err)
		}

		token := s.Login(t, w.WorkerA1.Email, apitest.Password)
		var list struct {
			Items []framework.Framework `json:"items"`
		}
		s.Get(t, "/api/v1/frameworks", token).JSON(t, &list)
		listed := slices.ContainsFunc(list.Items, func(f framework.Framework) bool {
			return f.ID.String() == testFrameworkID && f.Status == framework.Published && f.Version == "0.1"
		})
		if !listed {
			t.Fatalf("the test framework is not listed: %+v", list.Items)
		}
		res := s.Get(t, "/api/v1/frameworks/"+testFrameworkID, token)
		var tree struct {
			TitleCS string `json:"title_cs"`
			Domains []struct {
				Code     string `json:"code"`
				Children []struct {
					Code       string                      `json:"code"`
					Indicators map[string][]map[string]any `json:"indicators"`
				} `json:"children"`
			} `json:"domains"`
		}
		res.JSON(t, &tree)
		if len(tree.Domains) != 1 || len(tree.Domains[0].Children) != 4 || tree.Domains[0].Children[0].Code != "T1.1" {
			t.Fatalf("tree: %+v", tree)
		}
		if ind := tree.Domains[0].Children[2].Indicators; len(ind) != 4 || len(ind["3"]) != 2 || ind["3"][1]["text_cs"] != "Radí 3" {
			t.Errorf("indicators of T1.3: %v", ind)
		}
		etag := res.Header.Get("ETag")
		again := s.Do(t, apitest.Request{Method: http.MethodGet, Path: "/api/v1/frameworks/" + testFrameworkID, Token: token,
			Headers: map[string]string{"If-None-Match": etag}})
		if etag == "" || again.Status != http.StatusNotModified {
			t.Errorf("revalidation with ETag %q: %d", etag, again.Status)
		}
		if res := s.Get(t, "/api/v1/frameworks/"+uuid.NewString(), token); res.Status != http.StatusNotFound {
			t.Errorf("unknown framework: %d", res.Status)
		}

		var profile struct {
			Levels []struct {
				Level *int `json:"level"`
			} `json:"levels"`
		}
		s.Get(t, "/api/v1/positions/"+positions["ospod-social-worker"].String()+"/profile?framework_id="+testFrameworkID, token).JSON(t, &profile)
		if len(profile.Levels) != 4 {
			t.Errorf("profile: %+v", profile)
		}
		if res := s.Get(t, "/api/v1/positions/"+positions["trainer"].String()+"/profile?framework_id="+testFrameworkID, token); res.Status != http.StatusNotFound {
			t.Errorf("a position without a profile: %d", res.Status)
		}
		if res := s.Get(t, "/api/v1/positions/"+positions["trainer"].String()+"/profile?framework_id=nope", token); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a malformed framework_id: %d", res.Status)
		}
	})
}

// TestDomainNames: the names reports give to domain codes are those of the version in force; none before a version
// is published.
func TestDomainNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		svc := framework.NewService(db)
		if names, err := svc.DomainNames(ctx); err != nil || len(names) != 0 {
			t.Fatalf("before anything is published: %v %v", names, err)
		}
		apitest.Start(t, db) // publishes the shipped model
		current, err := svc.CurrentPublished(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := svc.Tree(ctx, &auth.Principal{}, current.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for _, d := range tree.Domains {
			want[d.Code] = d.NameCS
		}
		names, err := svc.DomainNames(ctx)
		if err != nil || len(want) == 0 || !maps.Equal(names, want) {
			t.Errorf("domain names %v %v, want %v", names, err, want)
		}
	})
}
