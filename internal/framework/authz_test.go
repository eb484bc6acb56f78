package framework_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// The authorization matrix of the competency model (policy.go): every endpoint × every fixture person, and
// no token. Rows are chosen so none changes what a later row sees: changes aim at a record that is refused
// further down (a missing If-Match, an unknown item), so only the policy decides the status.
func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		s := apitest.Start(t, db)
		w := apitest.NewWorld(t, s)
		tok := w.Tokens(t, s)
		res := s.Post(t, "/api/v1/frameworks/"+spodID+"/drafts", tok["admin"], map[string]string{"version": "9.9"})
		if res.Status != http.StatusCreated {
			t.Fatalf("draft: %d %s", res.Status, res.Body)
		}
		var draft struct{ ID string }
		res.JSON(t, &draft)
		pos := positionIDs(t, db)["ospod-social-worker"].String()
		unknownItem := "00000000-0000-4000-8000-000000000000"
		profileBody := map[string]any{"levels": []any{}}

		type row struct {
			name, method, path string
			body               any
			ifMatch            bool
			want               map[string]int // by person; everybody else gets other
			other              int
		}
		keepers := func(allowed int, others int) (map[string]int, int) {
			return map[string]int{"admin": allowed, "methodologistA": allowed, "methodologistB": allowed}, others
		}
		rows := []row{
			{name: "list", method: "GET", path: "/api/v1/frameworks", other: 200},
			{name: "read published", method: "GET", path: "/api/v1/frameworks/" + spodID, other: 200},
			{name: "read national profile", method: "GET", path: "/api/v1/positions/" + pos + "/profile", other: 200},
		}
		add := func(name, method, path string, body any, ifMatch bool, allowed, others int) {
			want, other := keepers(allowed, others)
			rows = append(rows, row{name: name, method: method, path: path, body: body, ifMatch: ifMatch, want: want, other: other})
		}
		// A draft is the methodologists' work in progress: others do not learn it exists.
		add("read draft", "GET", "/api/v1/frameworks/"+draft.ID, nil, false, 200, 404)
		add("change draft item", "PATCH", "/api/v1/frameworks/"+draft.ID+"/items/"+unknownItem, map[string]string{"name_cs": "x"}, true, 404, 404)
		add("change draft", "PATCH", "/api/v1/frameworks/"+draft.ID, map[string]string{"title_cs": "x"}, false, 428, 428)
		add("publish draft", "POST", "/api/v1/frameworks/"+draft.ID+"/publish", nil, false, 428, 428)
		// A published version is known to all; changing it is refused as a conflict to keepers, forbidden to others.
		add("new draft of an unknown version", "POST", "/api/v1/frameworks/"+unknownItem+"/drafts", map[string]string{"version": "2"}, false, 404, 403)
		add("change published item", "PATCH", "/api/v1/frameworks/"+spodID+"/items/"+unknownItem, map[string]string{"name_cs": "x"}, true, 409, 403)
		add("national profile of published", "PUT", "/api/v1/positions/"+pos+"/profile?framework_id="+spodID, profileBody, false, 409, 403)
		rows = append(rows, row{name: "refine CZ063 profile", method: "PUT", path: "/api/v1/positions/" + pos + "/profile?framework_id=" + spodID + "&region_code=CZ063",
			body: profileBody, want: map[string]int{"admin": 200, "methodologistA": 200}, other: 403})

		for _, r := range rows {
			for _, who := range append(w.Names(), "nobody") {
				want, ok := r.want[who]
				if !ok {
					want = r.other
				}
				if who == "nobody" {
					want = 401
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					h := map[string]string{}
					if r.ifMatch {
						h["If-Match"] = `"1"`
					}
					got := s.Do(t, apitest.Request{Method: r.method, Path: r.path, Token: tok[who], Body: r.body, Headers: h})
					if got.Status != want {
						t.Errorf("%s %s as %s: %d %s, want %d", r.method, r.path, who, got.Status, got.Body, want)
					}
				})
			}
		}
	})
}
