package directory_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// API scenarios of the directory, on both engines: one server and world per engine, each area a subtest.

// wantProblem checks a problem+json answer of a status that names the given fields (in any order).
func wantProblem(t *testing.T, res *apitest.Response, status int, fields ...string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("got %d, want %d: %s", res.Status, status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("content type %q, want application/problem+json", ct)
	}
	var p struct {
		Status int `json:"status"`
		Errors []struct {
			Field, Code, Message string
		} `json:"errors"`
	}
	res.JSON(t, &p)
	if p.Status != status {
		t.Errorf("problem status %d, want %d", p.Status, status)
	}
	var named []string
	for _, e := range p.Errors {
		named = append(named, e.Field)
		if e.Code == "" || e.Message == "" {
			t.Errorf("field error without code or message: %+v", e)
		}
	}
	for _, f := range fields {
		if !slices.Contains(named, f) {
			t.Errorf("errors name %v, want %q among them: %s", named, f, res.Body)
		}
	}
}

func wantStatus(t *testing.T, res *apitest.Response, status int) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("got %d, want %d: %s", res.Status, status, res.Body)
	}
}

// patch sends a PATCH with an If-Match header (none when ifMatch is empty).
func (e *env) patch(t *testing.T, path, who, ifMatch string, body any) *apitest.Response {
	t.Helper()
	req := apitest.Request{Method: http.MethodPatch, Path: path, Token: e.tok[who], Body: body}
	if ifMatch != "" {
		req.Headers = map[string]string{"If-Match": ifMatch}
	}
	return e.s.Do(t, req)
}

// count runs a SELECT count(*) on the test database.
func (e *env) count(t *testing.T, table, where string, args ...any) int {
	t.Helper()
	q := e.s.DB.NewSelect().Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	n, err := q.Count(context.Background())
	if err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return int(n)
}

// auditRow is an audit record as stored; before and after are JSON text.
type auditRow struct {
	ActorID   *uuid.UUID `bun:"actor_id"`
	SubjectID *uuid.UUID `bun:"subject_id"`
	Action    string     `bun:"action"`
	Entity    string     `bun:"entity"`
	Before    *string    `bun:"before"`
	After     *string    `bun:"after"`
	RequestID *string    `bun:"request_id"`
}

func (e *env) audits(t *testing.T, entityID uuid.UUID) []auditRow {
	t.Helper()
	var out []auditRow
	err := e.s.DB.NewSelect().Table("audit_log").
		Column("actor_id", "subject_id", "action", "entity", "before", "after", "request_id").
		Where("entity_id = ?", entityID.String()).OrderExpr("at, id").Scan(context.Background(), &out)
	if err != nil {
		t.Fatalf("audit_log: %v", err)
	}
	return out
}

// jsonField reads a top-level field of a stored JSON document (PostgreSQL's jsonb reformats the text).
func jsonField(t *testing.T, doc *string, key string) any {
	t.Helper()
	if doc == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(*doc), &m); err != nil {
		t.Fatalf("stored JSON %q: %v", *doc, err)
	}
	return m[key]
}

// page is a list answer with the fields the tests look at.
type page struct {
	Items []struct {
		ID     uuid.UUID `json:"id"`
		Name   string    `json:"name"`
		Active bool      `json:"active"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func (e *env) list(t *testing.T, path, who string) page {
	t.Helper()
	res := e.s.Get(t, path, e.tok[who])
	wantStatus(t, res, http.StatusOK)
	var p page
	res.JSON(t, &p)
	return p
}

func (p page) names() []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Name)
	}
	return out
}

func TestDirectoryAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		w := e.w
		t.Run("me", func(t *testing.T) {
			res := e.s.Get(t, "/api/v1/me", e.tok["leadA1"])
			wantStatus(t, res, http.StatusOK)
			var me struct {
				ID           uuid.UUID              `json:"id"`
				Organization struct{ ID uuid.UUID } `json:"organization"`
				Roles        []struct{ Role string }
				TeamIDs      []uuid.UUID `json:"team_ids"`
				Capabilities []string    `json:"capabilities"`
			}
			res.JSON(t, &me)
			if me.ID != w.LeadA1.ID || me.Organization.ID != w.OrgA.ID || len(me.Roles) != 2 ||
				!slices.Equal(me.TeamIDs, []uuid.UUID{w.TeamA1.ID}) || !slices.Contains(me.Capabilities, "team.lead") {
				t.Errorf("me of leadA1: %s", res.Body)
			}
		})
		t.Run("regions and positions", func(t *testing.T) {
			var regions page
			e.s.Get(t, "/api/v1/regions", e.tok["workerA1"]).JSON(t, &regions)
			if len(regions.Items) != 14 || regions.NextCursor != nil {
				t.Errorf("regions: %d items", len(regions.Items))
			}
			var positions page
			e.s.Get(t, "/api/v1/positions", e.tok["workerA1"]).JSON(t, &positions)
			if len(positions.Items) == 0 {
				t.Error("no positions shipped")
			}
		})
		t.Run("organisations", func(t *testing.T) { testOrganizations(t, e) })
		t.Run("teams", func(t *testing.T) { testTeams(t, e) })
		t.Run("users", func(t *testing.T) { testUsers(t, e) })
		t.Run("request bodies", func(t *testing.T) { testBodies(t, e) })
		t.Run("optimistic locking", func(t *testing.T) { testLocking(t, e) })
		t.Run("paging", func(t *testing.T) { testPaging(t, e) })
		t.Run("filters", func(t *testing.T) { testFilters(t, e) })
		t.Run("deactivation", func(t *testing.T) { testDeactivation(t, e) })
		t.Run("nothing half-written", func(t *testing.T) { testAtomic(t, e) })
	})
}

func testOrganizations(t *testing.T, e *env) {
	w := e.w
	ico := newICO()
	res := e.s.Post(t, "/api/v1/organizations", e.tok["admin"], map[string]any{
		"kind": "municipality", "name": "  Městský úřad Delta ", "ico": ico, "parent_id": w.OrgA.ID.String(),
	})
	wantStatus(t, res, http.StatusCreated)
	var o struct {
		ID         uuid.UUID  `json:"id"`
		Name       string     `json:"name"`
		ICO        string     `json:"ico"`
		ParentID   *uuid.UUID `json:"parent_id"`
		RegionCode *string    `json:"region_code"`
		Active     bool       `json:"active"`
		Version    int        `json:"version"`
	}
	res.JSON(t, &o)
	if o.Name != "Městský úřad Delta" || o.ICO != ico || o.ParentID == nil || *o.ParentID != w.OrgA.ID ||
		o.RegionCode == nil || *o.RegionCode != "CZ063" || !o.Active || o.Version != 1 {
		t.Errorf("created organisation (name trimmed, region from the parent): %s", res.Body)
	}
	if loc := res.Header.Get("Location"); loc != apitest.Path("organizations", o.ID) {
		t.Errorf("Location %q", loc)
	}
	if et := res.Header.Get("ETag"); et != `"1"` {
		t.Errorf("ETag %q, want \"1\"", et)
	}
	path := apitest.Path("organizations", o.ID)
	res = e.s.Get(t, path, e.tok["workerB1"])
	wantStatus(t, res, http.StatusOK)
	if res.Header.Get("ETag") != `"1"` {
		t.Errorf("GET ETag %q", res.Header.Get("ETag"))
	}

	res = e.patch(t, path, "adminA", `"1"`, map[string]any{"name": "Městský úřad Delta"})
	wantStatus(t, res, http.StatusForbidden) // adminA administers OrgA, not its child
	res = e.patch(t, path, "admin", `"1"`, map[string]any{"name": "Městský úřad Delta II", "region_code": "CZ064"})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &o)
	if o.Name != "Městský úřad Delta II" || *o.RegionCode != "CZ064" || o.Version != 2 || res.Header.Get("ETag") != `"2"` {
		t.Errorf("updated: %s ETag %s", res.Body, res.Header.Get("ETag"))
	}

	// Audit: a record per change, with the actor and the state before and after.
	recs := e.audits(t, o.ID)
	if len(recs) != 2 || recs[0].Action != "create" || recs[1].Action != "update" {
		t.Fatalf("audit of the organisation: %+v", recs)
	}
	for _, r := range recs {
		if r.ActorID == nil || *r.ActorID != w.Admin.ID || r.Entity != "organization" || r.After == nil {
			t.Errorf("audit record: %+v", r)
		}
		if r.RequestID == nil || *r.RequestID == "" {
			t.Errorf("audit record without the request ID: %+v", r)
		}
	}
	if recs[0].Before != nil && *recs[0].Before != "null" {
		t.Errorf("create has a before: %s", *recs[0].Before)
	}
	if recs[1].Before == nil || !strings.Contains(*recs[1].Before, `"Městský úřad Delta"`) || !strings.Contains(*recs[1].After, "Delta II") {
		t.Errorf("update before/after: %v / %v", recs[1].Before, recs[1].After)
	}

	// Bad input names the field.
	for _, c := range []struct {
		name   string
		body   map[string]any
		status int
		fields []string
	}{
		{"wrong IČO check digit", map[string]any{"kind": "ngo", "name": "X", "ico": "12345678"}, 422, []string{"ico"}},
		{"IČO with letters", map[string]any{"kind": "ngo", "name": "X", "ico": "0006458A"}, 422, []string{"ico"}},
		{"short IČO", map[string]any{"kind": "ngo", "name": "X", "ico": "6458"}, 422, []string{"ico"}},
		{"missing fields", map[string]any{}, 422, []string{"kind", "name", "ico"}},
		{"empty name", map[string]any{"kind": "ngo", "name": "", "ico": newICO()}, 422, []string{"name"}},
		{"name of spaces", map[string]any{"kind": "ngo", "name": "   ", "ico": newICO()}, 422, []string{"name"}},
		{"unknown kind", map[string]any{"kind": "club", "name": "X", "ico": newICO()}, 422, []string{"kind"}},
		{"unknown region", map[string]any{"kind": "ngo", "name": "X", "ico": newICO(), "region_code": "CZ099"}, 422, []string{"region_code"}},
		{"municipality without region", map[string]any{"kind": "municipality", "name": "X", "ico": newICO()}, 422, []string{"region_code"}},
		{"parent not a UUID", map[string]any{"kind": "ngo", "name": "X", "ico": newICO(), "parent_id": "abc"}, 422, []string{"parent_id"}},
		{"unknown parent", map[string]any{"kind": "ngo", "name": "X", "ico": newICO(), "parent_id": uuid.NewString()}, 422, []string{"parent_id"}},
		{"duplicate IČO", map[string]any{"kind": "ngo", "name": "X", "ico": w.OrgA.ICO}, 409, []string{"ico"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, e.s.Post(t, "/api/v1/organizations", e.tok["admin"], c.body), c.status, c.fields...)
		})
	}
	t.Run("duplicate IČO by PATCH", func(t *testing.T) {
		wantProblem(t, e.patch(t, path, "admin", `"2"`, map[string]any{"ico": w.OrgB.ICO}), 409, "ico")
	})
	t.Run("parent cycle", func(t *testing.T) {
		// Delta is OrgA's child: OrgA cannot become Delta's child.
		wantProblem(t, e.patch(t, apitest.Path("organizations", w.OrgA.ID), "admin", e.etag(t, apitest.Path("organizations", w.OrgA.ID)),
			map[string]any{"parent_id": o.ID.String()}), 422, "parent_id")
		wantProblem(t, e.patch(t, path, "admin", `"2"`, map[string]any{"parent_id": o.ID.String()}), 422, "parent_id")
	})
	t.Run("malformed identifier in the path", func(t *testing.T) {
		wantProblem(t, e.s.Get(t, "/api/v1/organizations/not-a-uuid", e.tok["admin"]), 404)
	})
}

func testTeams(t *testing.T, e *env) {
	w := e.w
	res := e.s.Post(t, "/api/v1/teams", e.tok["adminA"], map[string]any{"organization_id": w.OrgA.ID.String(), "name": "Oddělení NRP"})
	wantStatus(t, res, http.StatusCreated)
	var tm struct {
		ID             uuid.UUID `json:"id"`
		OrganizationID uuid.UUID `json:"organization_id"`
		Name           string    `json:"name"`
		Active         bool      `json:"active"`
		Version        int       `json:"version"`
		Leads, Members []struct {
			ID uuid.UUID `json:"id"`
		}
	}
	res.JSON(t, &tm)
	if tm.OrganizationID != w.OrgA.ID || tm.Name != "Oddělení NRP" || !tm.Active || tm.Version != 1 ||
		tm.Leads == nil || tm.Members == nil || len(tm.Leads)+len(tm.Members) != 0 {
		t.Errorf("created team: %s", res.Body)
	}
	path := apitest.Path("teams", tm.ID)

	// Members and leads are whole lists; the team's version moves with each change.
	res = e.s.Put(t, path+"/members", e.tok["adminA"], map[string]any{"user_ids": ids(w.WorkerA2.ID, w.WorkerA1.ID, w.WorkerA2.ID)})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &tm)
	if len(tm.Members) != 2 || tm.Version != 2 || res.Header.Get("ETag") != `"2"` {
		t.Errorf("members set: %s", res.Body)
	}
	res = e.s.Put(t, path+"/leads", e.tok["adminA"], map[string]any{"user_ids": ids(w.LeadA1.ID)})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &tm)
	if len(tm.Leads) != 1 || tm.Leads[0].ID != w.LeadA1.ID || tm.Version != 3 {
		t.Errorf("leads set: %s", res.Body)
	}
	// Now workerA2 sees the team as a member, and leadA1 as its lead sees workerA2.
	wantStatus(t, e.s.Get(t, path, e.tok["workerA2"]), http.StatusOK)
	wantStatus(t, e.s.Get(t, apitest.Path("users", w.WorkerA2.ID), e.tok["leadA1"]), http.StatusOK)

	res = e.patch(t, path, "adminA", `"3"`, map[string]any{"name": "Oddělení náhradní rodinné péče"})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &tm)
	if tm.Name != "Oddělení náhradní rodinné péče" || tm.Version != 4 || res.Header.Get("ETag") != `"4"` || len(tm.Members) != 2 {
		t.Errorf("renamed: %s", res.Body)
	}

	recs := e.audits(t, tm.ID)
	var actions []string
	for _, r := range recs {
		actions = append(actions, r.Action)
		if r.ActorID == nil || *r.ActorID != w.AdminA.ID || r.After == nil {
			t.Errorf("team audit record: %+v", r)
		}
	}
	if !slices.Equal(actions, []string{"create", "set_members", "set_leads", "update"}) {
		t.Errorf("team audit actions: %v", actions)
	}
	if len(recs) == 4 && (recs[1].Before == nil || !strings.Contains(*recs[1].After, w.WorkerA1.ID.String()) ||
		strings.Contains(*recs[1].Before, w.WorkerA1.ID.String())) {
		t.Errorf("set_members before/after: %v / %v", recs[1].Before, recs[1].After)
	}

	for _, c := range []struct {
		name   string
		method string
		path   string
		who    string
		body   any
		status int
		fields []string
	}{
		{"missing fields", http.MethodPost, "/api/v1/teams", "admin", map[string]any{}, 422, []string{"organization_id", "name"}},
		{"name of spaces", http.MethodPost, "/api/v1/teams", "admin", map[string]any{"organization_id": w.OrgA.ID.String(), "name": "  "}, 422, []string{"name"}},
		{"organisation not a UUID", http.MethodPost, "/api/v1/teams", "admin", map[string]any{"organization_id": "x", "name": "T"}, 422, []string{"organization_id"}},
		{"unknown organisation", http.MethodPost, "/api/v1/teams", "admin", map[string]any{"organization_id": uuid.NewString(), "name": "T"}, 422, []string{"organization_id"}},
		{"duplicate name in the organisation", http.MethodPost, "/api/v1/teams", "adminA", map[string]any{"organization_id": w.OrgA.ID.String(), "name": w.TeamA1.Name}, 409, []string{"name"}},
		{"member of another organisation", http.MethodPut, path + "/members", "admin", map[string]any{"user_ids": ids(w.WorkerB1.ID, w.WorkerA1.ID)}, 422, []string{"user_ids[0]"}},
		{"unknown member", http.MethodPut, path + "/members", "admin", map[string]any{"user_ids": ids(w.WorkerA1.ID, uuid.New())}, 422, []string{"user_ids[1]"}},
		{"member not a UUID", http.MethodPut, path + "/members", "admin", map[string]any{"user_ids": []string{"nobody"}}, 422, []string{"user_ids[0]"}},
		{"no member list", http.MethodPut, path + "/members", "admin", map[string]any{}, 422, []string{"user_ids"}},
		{"lead of another organisation", http.MethodPut, path + "/leads", "admin", map[string]any{"user_ids": ids(w.LeadB1.ID)}, 422, []string{"user_ids[0]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, e.s.Do(t, apitest.Request{Method: c.method, Path: c.path, Token: e.tok[c.who], Body: c.body}), c.status, c.fields...)
		})
	}
	t.Run("rename to spaces", func(t *testing.T) {
		wantProblem(t, e.patch(t, path, "adminA", `"4"`, map[string]any{"name": " "}), 422, "name")
	})
	t.Run("rename to a taken name", func(t *testing.T) {
		wantProblem(t, e.patch(t, path, "adminA", `"4"`, map[string]any{"name": w.TeamA2.Name}), 409, "name")
	})
	// The same name in another organisation is fine.
	wantStatus(t, e.s.Post(t, "/api/v1/teams", e.tok["admin"], map[string]any{"organization_id": w.OrgB.ID.String(), "name": w.TeamA1.Name}), http.StatusCreated)
	// Refused changes left the team as it was.
	res = e.s.Get(t, path, e.tok["adminA"])
	res.JSON(t, &tm)
	if tm.Version != 4 || len(tm.Members) != 2 || len(tm.Leads) != 1 {
		t.Errorf("team after refused changes: %s", res.Body)
	}
	// An empty list clears the members.
	res = e.s.Put(t, path+"/members", e.tok["adminA"], map[string]any{"user_ids": []string{}})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &tm)
	if len(tm.Members) != 0 {
		t.Errorf("members not cleared: %s", res.Body)
	}
}

func testUsers(t *testing.T, e *env) {
	w := e.w
	positions := e.list(t, "/api/v1/positions", "admin")
	body := map[string]any{
		"email": "Nova.Osoba@Test.CZ", "name": "Nová Osoba", "password": "Nove-Heslo-123",
		"organization_id": w.OrgA.ID.String(), "position_id": positions.Items[0].ID.String(),
		"employment_type": "official", "hired_on": "2025-03-01", "probation_end": "2025-05-31", "fte": 0.5,
		"roles": []any{map[string]any{"role": "worker"}, map[string]any{"role": "lead", "team_id": w.TeamA2.ID.String()}},
	}
	res := e.s.Post(t, "/api/v1/users", e.tok["adminA"], body)
	wantStatus(t, res, http.StatusCreated)
	var u struct {
		ID             uuid.UUID  `json:"id"`
		Email          string     `json:"email"`
		Name           string     `json:"name"`
		OrganizationID *uuid.UUID `json:"organization_id"`
		EmploymentType *string    `json:"employment_type"`
		HiredOn        *string    `json:"hired_on"`
		ProbationEnd   *string    `json:"probation_end"`
		LeftOn         *string    `json:"left_on"`
		FTE            *float64   `json:"fte"`
		Active         bool       `json:"active"`
		Version        int        `json:"version"`
		Roles          []struct {
			Role           string     `json:"role"`
			OrganizationID *uuid.UUID `json:"organization_id"`
			TeamID         *uuid.UUID `json:"team_id"`
		} `json:"roles"`
	}
	res.JSON(t, &u)
	if u.Email != "nova.osoba@test.cz" || u.Name != "Nová Osoba" || u.OrganizationID == nil || *u.OrganizationID != w.OrgA.ID ||
		u.HiredOn == nil || *u.HiredOn != "2025-03-01" || u.ProbationEnd == nil || *u.ProbationEnd != "2025-05-31" ||
		u.FTE == nil || *u.FTE != 0.5 || !u.Active || u.Version != 1 || len(u.Roles) != 2 {
		t.Errorf("created person: %s", res.Body)
	}
	if strings.Contains(string(res.Body), "argon2") || strings.Contains(string(res.Body), "password") {
		t.Errorf("the answer shows the password: %s", res.Body)
	}
	if res.Header.Get("Location") != apitest.Path("users", u.ID) || res.Header.Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", res.Header.Get("Location"), res.Header.Get("ETag"))
	}
	// The new person signs in with any letter case of the e-mail and leads team A2.
	tok := e.s.Login(t, "NOVA.OSOBA@test.cz", "Nove-Heslo-123")
	wantStatus(t, e.s.Get(t, apitest.Path("users", w.WorkerA2.ID), tok), http.StatusOK)

	path := apitest.Path("users", u.ID)
	res = e.patch(t, path, "adminA", `"1"`, map[string]any{"name": "Nová Osoba-Dvořáková", "fte": 1, "probation_end": "",
		"roles": []any{map[string]any{"role": "worker"}}})
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &u)
	if u.Name != "Nová Osoba-Dvořáková" || *u.FTE != 1 || u.ProbationEnd != nil || len(u.Roles) != 1 || u.Version != 2 || res.Header.Get("ETag") != `"2"` {
		t.Errorf("updated person: %s", res.Body)
	}
	// The lead role went with the PATCH: the person no longer sees team A2's worker.
	wantStatus(t, e.s.Get(t, apitest.Path("users", w.WorkerA2.ID), tok), http.StatusNotFound)

	recs := e.audits(t, u.ID)
	if len(recs) != 2 || recs[0].Action != "create" || recs[1].Action != "update" {
		t.Fatalf("audit of the person: %+v", recs)
	}
	for _, r := range recs {
		if r.ActorID == nil || *r.ActorID != w.AdminA.ID || r.SubjectID == nil || *r.SubjectID != u.ID || r.Entity != "user" {
			t.Errorf("audit record: %+v", r)
		}
		for _, s := range []*string{r.Before, r.After} {
			if s != nil && (strings.Contains(*s, "argon2") || strings.Contains(*s, "password")) {
				t.Errorf("the audit keeps the password: %s", *s)
			}
		}
	}
	if !strings.Contains(*recs[1].Before, `"lead"`) || strings.Contains(*recs[1].After, `"lead"`) {
		t.Errorf("role change not in before/after: %v / %v", *recs[1].Before, *recs[1].After)
	}

	user := func(extra map[string]any) map[string]any {
		b := map[string]any{"email": fmt.Sprintf("x%d@test.cz", unique.Add(1)), "name": "X", "organization_id": w.OrgA.ID.String()}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	role := func(kv ...string) []any {
		r := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			r[kv[i]] = kv[i+1]
		}
		return []any{r}
	}
	for _, c := range []struct {
		name   string
		who    string
		body   map[string]any
		status int
		fields []string
	}{
		{"missing fields", "admin", map[string]any{}, 422, []string{"email", "name"}},
		{"name of spaces", "admin", user(map[string]any{"name": "  "}), 422, []string{"name"}},
		{"bad e-mail", "admin", user(map[string]any{"email": "not-an-address"}), 422, []string{"email"}},
		{"short password", "admin", user(map[string]any{"password": "short"}), 422, []string{"password"}},
		{"bad date", "admin", user(map[string]any{"hired_on": "1. 3. 2025"}), 422, []string{"hired_on"}},
		{"probation before hiring", "admin", user(map[string]any{"hired_on": "2025-03-01", "probation_end": "2025-01-01"}), 422, []string{"probation_end"}},
		{"FTE above one", "admin", user(map[string]any{"fte": 1.5}), 422, []string{"fte"}},
		{"unknown employment type", "admin", user(map[string]any{"employment_type": "contractor"}), 422, []string{"employment_type"}},
		{"unknown organisation", "admin", user(map[string]any{"organization_id": uuid.NewString()}), 422, []string{"organization_id"}},
		{"unknown position", "admin", user(map[string]any{"position_id": uuid.NewString()}), 422, []string{"position_id"}},
		{"unknown role", "admin", user(map[string]any{"roles": role("role", "boss")}), 422, []string{"roles[0].role"}},
		{"lead without a team", "admin", user(map[string]any{"roles": role("role", "lead")}), 422, []string{"roles[0].team_id"}},
		{"lead of an unknown team", "admin", user(map[string]any{"roles": role("role", "lead", "team_id", uuid.NewString())}), 422, []string{"roles[0].team_id"}},
		{"lead of a team in another organisation", "admin", user(map[string]any{"roles": role("role", "lead", "team_id", w.TeamB1.ID.String())}), 422, []string{"roles[0].team_id"}},
		{"methodologist without a region", "admin", user(map[string]any{"roles": role("role", "methodologist")}), 422, []string{"roles[0].region_code"}},
		{"methodologist of an unknown region", "admin", user(map[string]any{"roles": role("role", "methodologist", "region_code", "CZ999")}), 422, []string{"roles[0].region_code"}},
		{"provider for a municipality", "admin", user(map[string]any{"roles": role("role", "provider", "organization_id", w.OrgA.ID.String())}), 422, []string{"roles[0].organization_id"}},
		{"worker elsewhere than employed", "admin", user(map[string]any{"roles": role("role", "worker", "organization_id", w.OrgB.ID.String())}), 422, []string{"roles[0].organization_id"}},
		{"admin of an unknown organisation", "admin", user(map[string]any{"roles": role("role", "admin", "organization_id", uuid.NewString())}), 422, []string{"roles[0].organization_id"}},
		{"supervisor for an unknown organisation", "admin", user(map[string]any{"roles": role("role", "supervisor", "organization_id", uuid.NewString())}), 422, []string{"roles[0].organization_id"}},
		{"adminA grants methodologist", "adminA", user(map[string]any{"roles": role("role", "methodologist", "region_code", "CZ063")}), 403, []string{"roles[0].role"}},
		{"adminA grants supervisor", "adminA", user(map[string]any{"roles": role("role", "supervisor")}), 403, []string{"roles[0].role"}},
		{"adminA grants the operator's role", "adminA", user(map[string]any{"roles": role("role", "admin")}), 403, []string{"roles[0].role"}},
		{"adminA grants a lead of TeamB1", "adminA", user(map[string]any{"organization_id": w.OrgB.ID.String(), "roles": role("role", "lead", "team_id", w.TeamB1.ID.String())}), 403, []string{"roles[0].role"}},
		{"adminA adds to OrgB", "adminA", user(map[string]any{"organization_id": w.OrgB.ID.String()}), 403, nil},
		{"adminA adds without an organisation", "adminA", map[string]any{"email": "y@test.cz", "name": "Y"}, 403, nil},
		{"duplicate e-mail in other letter case", "admin", user(map[string]any{"email": "WORKER.A1@test.cz"}), 409, []string{"email"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, e.s.Post(t, "/api/v1/users", e.tok[c.who], c.body), c.status, c.fields...)
		})
	}
	t.Run("adminA promotes themselves to operator", func(t *testing.T) {
		p := apitest.Path("users", w.AdminA.ID)
		wantProblem(t, e.patch(t, p, "adminA", e.etag(t, p), map[string]any{"roles": role("role", "admin")}), 403, "roles[0].role")
	})
	t.Run("adminA moves a person to OrgB", func(t *testing.T) {
		p := apitest.Path("users", w.WorkerA2.ID)
		wantProblem(t, e.patch(t, p, "adminA", e.etag(t, p), map[string]any{"organization_id": w.OrgB.ID.String(), "roles": []any{}}), 403)
	})
	t.Run("rename to spaces", func(t *testing.T) {
		wantProblem(t, e.patch(t, path, "adminA", `"2"`, map[string]any{"name": "  "}), 422, "name")
	})
	t.Run("duplicate e-mail by PATCH", func(t *testing.T) {
		wantProblem(t, e.patch(t, path, "adminA", `"2"`, map[string]any{"email": "Lead.A1@TEST.cz"}), 409, "email")
	})
	t.Run("own e-mail in other letter case", func(t *testing.T) {
		res := e.patch(t, path, "adminA", `"2"`, map[string]any{"email": "NOVA.osoba@test.cz"})
		wantStatus(t, res, http.StatusOK)
		if res.Map(t)["email"] != "nova.osoba@test.cz" {
			t.Errorf("e-mail: %s", res.Body)
		}
	})
}

func testBodies(t *testing.T, e *env) {
	tok := e.tok["admin"]
	raw := func(t *testing.T, body, ctype string) *apitest.Response {
		req := apitest.Request{Method: http.MethodPost, Path: "/api/v1/organizations", Token: tok, Body: body}
		if ctype != "" {
			req.Headers = map[string]string{"Content-Type": ctype}
		}
		return e.s.Do(t, req)
	}
	t.Run("malformed JSON", func(t *testing.T) { wantProblem(t, raw(t, `{"kind": "ngo",`, ""), 400) })
	t.Run("broken JSON", func(t *testing.T) { wantProblem(t, raw(t, `{kind: ngo}`, ""), 400) })
	t.Run("empty body", func(t *testing.T) { wantProblem(t, raw(t, ``, ""), 400) })
	t.Run("not an object", func(t *testing.T) { wantProblem(t, raw(t, `[1, 2]`, ""), 400) })
	t.Run("two values", func(t *testing.T) {
		wantProblem(t, raw(t, `{"kind":"ngo","name":"X","ico":"`+newICO()+`"} {}`, ""), 400)
	})
	t.Run("wrong content type", func(t *testing.T) {
		wantProblem(t, raw(t, `{"kind":"ngo","name":"X","ico":"`+newICO()+`"}`, "text/plain"), 415)
	})
	t.Run("form content type", func(t *testing.T) { wantProblem(t, raw(t, `kind=ngo`, "application/x-www-form-urlencoded"), 415) })
	t.Run("JSON with charset", func(t *testing.T) {
		wantStatus(t, raw(t, `{"kind":"ngo","name":"Spolek Charset","ico":"`+newICO()+`"}`, "application/json; charset=utf-8"), 201)
	})
	t.Run("unknown field", func(t *testing.T) {
		wantProblem(t, raw(t, `{"kind":"ngo","name":"X","ico":"`+newICO()+`","colour":"red"}`, ""), 422, "colour")
	})
	t.Run("wrong type", func(t *testing.T) {
		wantProblem(t, raw(t, `{"kind":"ngo","name":5,"ico":"00064581"}`, ""), 422, "name")
	})
	t.Run("oversize body", func(t *testing.T) {
		// The server reads bodies up to the CASE import's limit and refuses a larger one on every other route.
		big := `{"kind":"ngo","name":"` + strings.Repeat("x", 70<<10) + `","ico":"` + newICO() + `"}`
		wantProblem(t, raw(t, big, ""), 413)
	})
	t.Run("body just under the limit", func(t *testing.T) {
		// 60 KiB is within the limit: the answer is about the content (a name too long), not the size.
		big := `{"kind":"ngo","name":"` + strings.Repeat("x", 60<<10) + `","ico":"` + newICO() + `"}`
		wantProblem(t, raw(t, big, ""), 422, "name")
	})
	t.Run("nested field names", func(t *testing.T) {
		res := e.s.Post(t, "/api/v1/users", tok, map[string]any{"email": "n@test.cz", "name": "N",
			"roles": []any{map[string]any{"role": "worker", "organization_id": e.w.OrgA.ID.String()}, map[string]any{"role": "lead", "team_id": "x"}}})
		wantProblem(t, res, 422, "roles[1].team_id")
	})
	t.Run("bad query parameters", func(t *testing.T) {
		wantProblem(t, e.s.Get(t, "/api/v1/organizations?kind=club", tok), 422, "kind")
		wantProblem(t, e.s.Get(t, "/api/v1/organizations?region_code=CZ999", tok), 422, "region_code")
		wantProblem(t, e.s.Get(t, "/api/v1/users?role=boss", tok), 422, "role")
		wantProblem(t, e.s.Get(t, "/api/v1/teams?organization_id=x", tok), 422, "organization_id")
		wantProblem(t, e.s.Get(t, "/api/v1/users?q="+strings.Repeat("a", 101), tok), 422, "q")
		wantProblem(t, e.s.Get(t, "/api/v1/users?active=maybe", tok), 422, "active")
	})
}

func testLocking(t *testing.T, e *env) {
	for _, c := range []struct {
		name, path string
		body       map[string]any
	}{
		{"organisation", apitest.Path("organizations", e.w.Provider.ID), map[string]any{"name": e.w.Provider.Name}},
		{"team", apitest.Path("teams", e.w.TeamA2.ID), map[string]any{"name": e.w.TeamA2.Name}},
		{"person", apitest.Path("users", e.w.WorkerA2.ID), map[string]any{"name": e.w.WorkerA2.Name}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := e.s.Get(t, c.path, e.tok["admin"])
			wantStatus(t, res, http.StatusOK)
			etag := res.Header.Get("ETag")
			var v struct{ Version int }
			res.JSON(t, &v)
			if etag != fmt.Sprintf(`"%d"`, v.Version) {
				t.Fatalf("ETag %q for version %d", etag, v.Version)
			}
			wantProblem(t, e.patch(t, c.path, "admin", "", c.body), 428)
			wantProblem(t, e.patch(t, c.path, "admin", `"abc"`, c.body), 400)
			// A weak ETag is the same version.
			res = e.patch(t, c.path, "admin", "W/"+etag, c.body)
			wantStatus(t, res, http.StatusOK)
			next := res.Header.Get("ETag")
			if next != fmt.Sprintf(`"%d"`, v.Version+1) {
				t.Errorf("ETag after the change %q, want version %d", next, v.Version+1)
			}
			// The colleague who read the old version loses.
			wantProblem(t, e.patch(t, c.path, "admin", etag, c.body), 409)
			if got := e.s.Get(t, c.path, e.tok["admin"]).Header.Get("ETag"); got != next {
				t.Errorf("a refused change moved the version: %s", got)
			}
		})
	}
}

func testPaging(t *testing.T, e *env) {
	for _, path := range []string{"/api/v1/organizations", "/api/v1/teams", "/api/v1/users"} {
		t.Run(path, func(t *testing.T) {
			all := e.list(t, path+"?limit=200", "admin")
			if all.NextCursor != nil || len(all.Items) < 5 {
				t.Fatalf("all of %s: %d items, next %v", path, len(all.Items), all.NextCursor)
			}
			var walked []uuid.UUID
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > len(all.Items) {
					t.Fatal("paging does not end")
				}
				p := e.list(t, path+"?limit=2"+cursor, "admin")
				if len(p.Items) > 2 {
					t.Fatalf("page of %d", len(p.Items))
				}
				for _, it := range p.Items {
					if slices.Contains(walked, it.ID) {
						t.Fatalf("%s appears twice", it.Name)
					}
					walked = append(walked, it.ID)
				}
				if p.NextCursor == nil {
					break
				}
				cursor = "&cursor=" + *p.NextCursor
			}
			var want []uuid.UUID
			for _, it := range all.Items {
				want = append(want, it.ID)
			}
			if !slices.Equal(walked, want) {
				t.Errorf("paged walk %v differs from the whole list %v", walked, want)
			}
		})
	}
	tok := e.tok["admin"]
	t.Run("limits and cursors", func(t *testing.T) {
		if p := e.list(t, "/api/v1/organizations", "admin"); len(p.Items) > 50 {
			t.Errorf("default limit: %d", len(p.Items))
		}
		for _, q := range []string{"limit=0", "limit=201", "limit=-1", "limit=two"} {
			wantProblem(t, e.s.Get(t, "/api/v1/organizations?"+q, tok), 422, "limit")
		}
		for _, c := range []string{"!!!", base64.RawURLEncoding.EncodeToString([]byte("not json")),
			base64.RawURLEncoding.EncodeToString([]byte(`{"n":5,"i":"x"}`))} {
			res := e.s.Get(t, "/api/v1/users?limit=2&cursor="+c, tok)
			if res.Status != 400 && res.Status != 422 {
				t.Errorf("cursor %q: %d", c, res.Status)
			}
			wantProblem(t, res, res.Status, "cursor")
		}
	})
}

func testFilters(t *testing.T, e *env) {
	w := e.w
	for _, c := range []struct {
		path, who string
		want      []string // the names expected, in any order (paging checks the order); nil: check contains only
		contains  []string
	}{
		{path: "/api/v1/organizations?q=alfa", want: []string{w.OrgA.Name}},
		{path: "/api/v1/organizations?q=ALFA", want: []string{w.OrgA.Name}},
		{path: "/api/v1/organizations?q=M%C4%9Bstsk%C3%BD%20%C3%BA%C5%99ad%20Al", want: []string{w.OrgA.Name}},
		{path: "/api/v1/organizations?q=" + w.OrgB.ICO, want: []string{w.OrgB.Name}},
		{path: "/api/v1/organizations?kind=provider", want: []string{w.Provider.Name}},
		{path: "/api/v1/organizations?q=beta&region_code=CZ064", want: []string{w.OrgB.Name}},
		{path: "/api/v1/organizations?q=alfa&region_code=CZ064", want: []string{}},
		{path: "/api/v1/organizations?q=%25", want: []string{}}, // a LIKE wildcard is a plain character
		{path: "/api/v1/organizations?q=mestsky%20urad", contains: []string{w.OrgA.Name, w.OrgB.Name}},
		{path: "/api/v1/organizations?parent_id=" + w.OrgB.ID.String(), want: []string{}},
		{path: "/api/v1/users?q=vedouci", want: []string{w.LeadA1.Name, w.LeadB1.Name}},
		{path: "/api/v1/users?q=VEDOUC%C3%8D", want: []string{w.LeadA1.Name, w.LeadB1.Name}},
		{path: "/api/v1/users?q=vedouci", who: "adminA", want: []string{w.LeadA1.Name}},
		{path: "/api/v1/users?q=lead.b1%40test", want: []string{w.LeadB1.Name}},
		{path: "/api/v1/users?role=methodologist", want: []string{w.MethodologistA.Name, w.MethodologistB.Name}},
		{path: "/api/v1/users?team_id=" + w.TeamB1.ID.String(), want: []string{w.WorkerB1.Name, w.LeadB1.Name}},
		{path: "/api/v1/users?organization_id=" + w.Provider.ID.String(), want: []string{w.ProviderP.Name}},
		{path: "/api/v1/teams?q=tym%20a", who: "adminA", want: []string{w.TeamA1.Name, w.TeamA2.Name}},
		{path: "/api/v1/teams?organization_id=" + w.OrgB.ID.String() + "&q=b1", want: []string{w.TeamB1.Name}},
	} {
		who := c.who
		if who == "" {
			who = "admin"
		}
		t.Run(who+" "+c.path, func(t *testing.T) {
			got := e.list(t, c.path, who).names()
			slices.Sort(got)
			slices.Sort(c.want)
			if c.want != nil && !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			for _, n := range c.contains {
				if !slices.Contains(got, n) {
					t.Errorf("got %v, want %q among them", got, n)
				}
			}
		})
	}
}

func testDeactivation(t *testing.T, e *env) {
	w := e.w
	// A person who leaves: active false, left_on today, cannot sign in any more, stays readable.
	res := e.s.Post(t, "/api/v1/users", e.tok["adminA"], map[string]any{"email": "odchazi@test.cz", "name": "Odcházející",
		"password": "Heslo-odchazi-1", "organization_id": w.OrgA.ID.String(), "roles": []any{map[string]any{"role": "worker"}}})
	wantStatus(t, res, http.StatusCreated)
	var u struct {
		ID     uuid.UUID `json:"id"`
		Active bool      `json:"active"`
		LeftOn *string   `json:"left_on"`
	}
	res.JSON(t, &u)
	tok := e.s.Login(t, "odchazi@test.cz", "Heslo-odchazi-1")
	path := apitest.Path("users", u.ID)
	res = e.s.Post(t, path+"/deactivate", e.tok["adminA"], nil)
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &u)
	today := time.Now().Format(time.DateOnly)
	if u.Active || u.LeftOn == nil || (*u.LeftOn != today && *u.LeftOn != time.Now().UTC().Format(time.DateOnly)) {
		t.Errorf("deactivated person: %s", res.Body)
	}
	wantProblem(t, e.s.Get(t, "/api/v1/me", tok), 401)
	if res := e.s.Post(t, "/api/v1/auth/login", "", map[string]string{"email": "odchazi@test.cz", "password": "Heslo-odchazi-1"}); res.Status < 400 {
		t.Errorf("a deactivated person signed in: %d", res.Status)
	}
	if got := e.list(t, "/api/v1/users?active=false", "adminA").names(); !slices.Equal(got, []string{"Odcházející"}) {
		t.Errorf("inactive people: %v", got)
	}
	recs := e.audits(t, u.ID)
	if len(recs) != 2 || recs[1].Action != "deactivate" || jsonField(t, recs[1].Before, "active") != true ||
		jsonField(t, recs[1].After, "active") != false || jsonField(t, recs[1].After, "left_on") == nil {
		t.Errorf("audit of the deactivation: %+v", recs)
	}
	res = e.s.Post(t, path+"/activate", e.tok["adminA"], nil)
	wantStatus(t, res, http.StatusOK)
	res.JSON(t, &u)
	if !u.Active {
		t.Errorf("reactivated: %s", res.Body)
	}
	wantStatus(t, e.s.Get(t, "/api/v1/me", tok), http.StatusOK)

	// Nobody deactivates themselves, not even the operator.
	for _, who := range []string{"admin", "adminA"} {
		wantProblem(t, e.s.Post(t, apitest.Path("users", w.People()[who].ID, "deactivate"), e.tok[who], nil), 409)
	}

	// Organisations and teams keep their records and show as inactive.
	res = e.s.Post(t, apitest.Path("organizations", w.Provider.ID, "deactivate"), e.tok["admin"], nil)
	wantStatus(t, res, http.StatusOK)
	if res.Map(t)["active"] != false {
		t.Errorf("organisation: %s", res.Body)
	}
	if got := e.list(t, "/api/v1/organizations?active=false", "workerA1").names(); !slices.Equal(got, []string{w.Provider.Name}) {
		t.Errorf("inactive organisations: %v", got)
	}
	wantStatus(t, e.s.Post(t, apitest.Path("organizations", w.Provider.ID, "activate"), e.tok["admin"], nil), http.StatusOK)
	res = e.s.Post(t, apitest.Path("teams", w.TeamA2.ID, "deactivate"), e.tok["adminA"], nil)
	wantStatus(t, res, http.StatusOK)
	if res.Map(t)["active"] != false {
		t.Errorf("team: %s", res.Body)
	}
	if got := e.list(t, "/api/v1/teams?active=true", "adminA").names(); slices.Contains(got, w.TeamA2.Name) {
		t.Errorf("active teams show the inactive one: %v", got)
	}
	wantStatus(t, e.s.Post(t, apitest.Path("teams", w.TeamA2.ID, "activate"), e.tok["adminA"], nil), http.StatusOK)
}

func testAtomic(t *testing.T, e *env) {
	w := e.w
	counts := func() [4]int {
		return [4]int{e.count(t, "users", ""), e.count(t, "role_assignments", ""), e.count(t, "audit_log", ""), e.count(t, "team_members", "")}
	}
	before := counts()
	// The second role is invalid: no person, no first role, no audit record.
	res := e.s.Post(t, "/api/v1/users", e.tok["admin"], map[string]any{"email": "half@test.cz", "name": "Napůl",
		"organization_id": w.OrgA.ID.String(), "roles": []any{
			map[string]any{"role": "worker"},
			map[string]any{"role": "lead", "team_id": w.TeamB1.ID.String()},
		}})
	wantProblem(t, res, 422, "roles[1].team_id")
	// The second role is not the caller's to grant: the same.
	res = e.s.Post(t, "/api/v1/users", e.tok["adminA"], map[string]any{"email": "half@test.cz", "name": "Napůl",
		"organization_id": w.OrgA.ID.String(), "roles": []any{
			map[string]any{"role": "worker"},
			map[string]any{"role": "methodologist", "region_code": "CZ063"},
		}})
	wantProblem(t, res, 403, "roles[1].role")
	// A team list with one bad person changes nobody.
	wantProblem(t, e.s.Put(t, apitest.Path("teams", w.TeamA1.ID, "members"), e.tok["admin"],
		map[string]any{"user_ids": ids(w.WorkerA2.ID, w.WorkerB1.ID)}), 422, "user_ids[1]")
	// A PATCH with a bad role keeps the old name and roles.
	p := apitest.Path("users", w.WorkerA1.ID)
	etag := e.etag(t, p)
	wantProblem(t, e.patch(t, p, "admin", etag, map[string]any{"name": "Přejmenovaná", "roles": []any{map[string]any{"role": "lead"}}}), 422, "roles[0].team_id")
	if after := counts(); after != before {
		t.Errorf("counts of users, roles, audit records, memberships moved from %v to %v", before, after)
	}
	if n := e.count(t, "users", "email = ?", "half@test.cz"); n != 0 {
		t.Errorf("half-written person: %d rows", n)
	}
	res = e.s.Get(t, p, e.tok["admin"])
	if res.Header.Get("ETag") != etag || res.Map(t)["name"] != w.WorkerA1.Name {
		t.Errorf("a refused PATCH changed the person: %s", res.Body)
	}
}
