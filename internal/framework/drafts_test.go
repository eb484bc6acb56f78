package framework_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

const spodID = "3f6d2c1e-8a4b-4c7e-9d2f-51a0b7c9e6d4" // competencies/spod-1.0.yaml

type node struct {
	ID       string `json:"id"`
	Code     string `json:"code"`
	Kind     string `json:"kind"`
	NameCS   string `json:"name_cs"`
	Children []node `json:"children"`
}

type tree struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Revision int    `json:"revision"`
	Domains  []node `json:"domains"`
}

func TestDraftsAndProfiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		method, worker := tok["methodologistA"], tok["workerA1"]
		etag := func(r *apitest.Response) string { return r.Header.Get("ETag") }
		do := func(method, path, token, ifMatch string, body any) *apitest.Response {
			t.Helper()
			h := map[string]string{}
			if ifMatch != "" {
				h["If-Match"] = ifMatch
			}
			return s.Do(t, apitest.Request{Method: method, Path: path, Token: token, Body: body, Headers: h})
		}
		want := func(r *apitest.Response, status int, what string) {
			t.Helper()
			if r.Status != status {
				t.Fatalf("%s: %d %s, want %d", what, r.Status, r.Body, status)
			}
		}

		// Only methodologists start drafts; the draft keeps every identifier of the version it copies.
		want(do("POST", "/api/v1/frameworks/"+spodID+"/drafts", worker, "", map[string]string{"version": "1.1"}), 403, "worker drafts")
		res := do("POST", "/api/v1/frameworks/"+spodID+"/drafts", method, "", map[string]string{"version": "1.1"})
		want(res, 201, "draft")
		var draft tree
		res.JSON(t, &draft)
		var published tree
		s.Get(t, "/api/v1/frameworks/"+spodID, worker).JSON(t, &published)
		s.Get(t, "/api/v1/frameworks/"+draft.ID, method).JSON(t, &draft)
		if draft.Status != "draft" || len(draft.Domains) != 9 || draft.Domains[2].Children[1].ID != published.Domains[2].Children[1].ID {
			t.Fatalf("the draft is not a copy: %+v", draft.Status)
		}
		want(s.Get(t, "/api/v1/frameworks/"+draft.ID, worker), 404, "a worker reading a draft")
		var list struct {
			Items []struct{ ID string } `json:"items"`
		}
		s.Get(t, "/api/v1/frameworks", worker).JSON(t, &list)
		for _, f := range list.Items {
			if f.ID == draft.ID {
				t.Error("a worker sees the draft in the list")
			}
		}

		comp := draft.Domains[0].Children[0]
		itemPath := "/api/v1/frameworks/" + draft.ID + "/items/" + comp.ID
		rename := map[string]any{"name_cs": "Zákon o SPOD v praxi", "indicators": map[string]any{"1": []map[string]string{{"text_cs": "Nový indikátor", "text_en": "New indicator"}}}}
		want(do("PATCH", itemPath, method, "", rename), 428, "no If-Match")
		want(do("PATCH", itemPath, method, `"99"`, rename), 409, "stale If-Match")
		want(do("PATCH", itemPath, worker, `"1"`, rename), 404, "a worker changing a draft")
		res = do("PATCH", itemPath, method, `"1"`, rename)
		want(res, 200, "rename")
		if etag(res) != `"2"` {
			t.Errorf("revision after the change: %s", etag(res))
		}
		want(do("PATCH", "/api/v1/frameworks/"+spodID+"/items/"+comp.ID, method, `"1"`, rename), 409, "changing a published version")
		want(do("PATCH", itemPath, method, `"2"`, map[string]any{"code": draft.Domains[0].Children[1].Code}), 409, "a taken code")
		want(do("PATCH", itemPath, method, `"2"`, map[string]any{"indicators": map[string]any{"5": []any{}}}), 422, "level 5")

		// A new competency without indicators keeps the draft from being published.
		res = do("POST", "/api/v1/frameworks/"+draft.ID+"/items", method, `"2"`, map[string]any{
			"parent_id": draft.Domains[0].ID, "code": "K1.9", "name_cs": "Nová kompetence", "name_en": "New competency"})
		want(res, 201, "add")
		var added node
		res.JSON(t, &added)
		want(do("POST", "/api/v1/frameworks/"+draft.ID+"/items", method, `"3"`, map[string]any{
			"parent_id": comp.ID, "code": "K1.10", "name_cs": "Pod kompetencí"}), 422, "a competency under a competency")
		res = do("POST", "/api/v1/frameworks/"+draft.ID+"/publish", method, `"3"`, nil)
		want(res, 409, "publish incomplete")
		if !strings.Contains(string(res.Body), "K1.9") {
			t.Errorf("the refusal does not name K1.9: %s", res.Body)
		}
		want(do("DELETE", "/api/v1/frameworks/"+draft.ID+"/items/"+draft.Domains[1].ID, method, `"3"`, nil), 409, "delete a domain with competencies")
		want(do("DELETE", "/api/v1/frameworks/"+draft.ID+"/items/"+added.ID, method, `"3"`, nil), 200, "delete the new competency")

		// National profiles change only in drafts; a region refines its own.
		positions := positionIDs(t, db)
		pos := positions["ospod-social-worker"].String()
		levels := map[string]any{"levels": []map[string]any{{"competency_id": comp.ID, "level": 4}}}
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID, method, "", levels), 409, "national profile of a published version")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+draft.ID, method, "", levels), 200, "national profile of the draft")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", tok["methodologistB"], "", levels), 403, "another region's methodologist")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", worker, "", levels), 403, "a worker")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", method, "",
			map[string]any{"levels": []map[string]any{{"competency_id": draft.Domains[0].ID, "level": 2}}}), 422, "a domain is not a competency")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", method, "", levels), 200, "regional refinement")
		var refined, national struct {
			RegionCode *string `json:"region_code"`
			Levels     []struct {
				Level *int `json:"level"`
			} `json:"levels"`
		}
		s.Get(t, "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", worker).JSON(t, &refined)
		s.Get(t, "/api/v1/positions/"+pos+"/profile?framework_id="+spodID, worker).JSON(t, &national)
		if refined.RegionCode == nil || len(refined.Levels) != 1 || *refined.Levels[0].Level != 4 || national.RegionCode != nil || len(national.Levels) != 45 {
			t.Errorf("refined %+v, national has %d levels", refined, len(national.Levels))
		}

		// Publishing makes the draft the version in force and retires the one it replaces.
		res = do("POST", "/api/v1/frameworks/"+draft.ID+"/publish", method, `"4"`, nil)
		want(res, 200, "publish")
		var old, now tree
		s.Get(t, "/api/v1/frameworks/"+spodID, worker).JSON(t, &old)
		s.Get(t, "/api/v1/frameworks/"+draft.ID, worker).JSON(t, &now)
		if old.Status != "retired" || now.Status != "published" || now.Domains[0].Children[0].NameCS != "Zákon o SPOD v praxi" {
			t.Errorf("after publishing: old %s, new %s %q", old.Status, now.Status, now.Domains[0].Children[0].NameCS)
		}
		want(do("PATCH", "/api/v1/frameworks/"+draft.ID, method, `"5"`, map[string]string{"title_cs": "x"}), 409, "changing the published draft")
		want(do("PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID+"&region_code=CZ063", method, "", levels), 403, "refining a retired version")

		var audits int
		if err := db.NewSelect().Table("audit_log").ColumnExpr("count(*)").Where("entity IN ('framework', 'position_profile')").Scan(t.Context(), &audits); err != nil || audits < 7 {
			t.Errorf("audit records of the changes: %d %v", audits, err)
		}
		_ = http.MethodGet
	})
}
