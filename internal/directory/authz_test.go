package directory_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
)

// The authorization matrix of the directory (PRODUCT.md §3, policy.go): every endpoint × every fixture person
// (role × own/other team/organisation/region), and without a token. One server and world per engine; rows that
// succeed in changing something either change nothing that matters (same name, same members) or are undone
// at once, so the rows do not depend on their order.

// people are the fixture's short names, in the order the matrix runs them.
var people = []string{
	"admin", "adminA", "leadA1", "workerA1", "workerA2", "leadB1", "workerB1",
	"providerP", "supervisor", "methodologistA", "methodologistB",
}

// env is a running app with its fixture world and everybody signed in.
type env struct {
	s   *apitest.Server
	w   *apitest.World
	tok map[string]string
}

func newEnv(t *testing.T, db *database.DB) *env {
	t.Helper()
	s := apitest.Start(t, db)
	w := apitest.NewWorld(t, s)
	return &env{s: s, w: w, tok: w.Tokens(t, s)}
}

// etag reads the current ETag of a record as the operator sees it ("1" for a record that does not exist, so a
// PATCH of it fails on the record, not on the header).
func (e *env) etag(t *testing.T, path string) string {
	t.Helper()
	res := e.s.Get(t, path, e.tok["admin"])
	if res.Status != http.StatusOK {
		return `"1"`
	}
	return res.Header.Get("ETag")
}

var unique atomic.Int64

// newICO makes a fresh IČO with a valid check digit.
func newICO() string {
	base := fmt.Sprintf("%07d", 1000000+unique.Add(1)*7919%8999999)
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(base[i]-'0') * (8 - i)
	}
	return fmt.Sprintf("%s%d", base, (11-sum%11)%10)
}

func ids(us ...uuid.UUID) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.String()
	}
	return out
}

// rule is one endpoint on one record, with who gets what.
type rule struct {
	name    string // "GET teams/TeamA1"
	method  string
	path    string
	body    func(who string) any // the request body, fresh per caller (unique names, IČO, e-mail)
	ifMatch bool                 // send the record's current ETag
	ok      string               // callers answered okStatus, space-separated
	status  int                  // okStatus; 200 unless set
	special map[string]int       // callers answered otherwise
	deny    int                  // everybody else
	undo    func(t *testing.T)   // run after a successful change, to restore the world
}

func (r rule) want(who string) int {
	if s, ok := r.special[who]; ok {
		return s
	}
	if slices.Contains(strings.Fields(r.ok), who) {
		if r.status != 0 {
			return r.status
		}
		return http.StatusOK
	}
	return r.deny
}

func (e *env) rules() []rule {
	w := e.w
	const all = "admin adminA leadA1 workerA1 workerA2 leadB1 workerB1 providerP supervisor methodologistA methodologistB"
	orgPath := func(id uuid.UUID, suffix ...string) string { return apitest.Path("organizations", id, suffix...) }
	teamPath := func(id uuid.UUID, suffix ...string) string { return apitest.Path("teams", id, suffix...) }
	userPath := func(id uuid.UUID, suffix ...string) string { return apitest.Path("users", id, suffix...) }
	unknown := uuid.Must(uuid.NewV7())
	get := func(name, path, ok string, deny int) rule {
		return rule{name: "GET " + name, method: http.MethodGet, path: path, ok: ok, deny: deny}
	}
	reactivate := func(path string) func(t *testing.T) {
		return func(t *testing.T) {
			if res := e.s.Post(t, path+"/activate", e.tok["admin"], nil); res.Status != http.StatusOK {
				t.Fatalf("undo: activate %s: %d %s", path, res.Status, res.Body)
			}
		}
	}
	sameName := func(name string) func(string) any {
		return func(string) any { return map[string]any{"name": name} }
	}
	userIDs := func(us ...uuid.UUID) func(string) any {
		return func(string) any { return map[string]any{"user_ids": ids(us...)} }
	}
	newOrg := func(who string) any {
		return map[string]any{"kind": "ngo", "name": "Spolek " + who + fmt.Sprint(unique.Add(1)), "ico": newICO()}
	}
	newTeam := func(org uuid.UUID) func(string) any {
		return func(who string) any {
			return map[string]any{"organization_id": org.String(), "name": fmt.Sprintf("Tým %s %d", who, unique.Add(1))}
		}
	}
	newUser := func(org uuid.UUID) func(string) any {
		return func(who string) any {
			return map[string]any{"email": fmt.Sprintf("new.%s.%d@test.cz", strings.ToLower(who), unique.Add(1)),
				"name": "Nový " + who, "organization_id": org.String(), "roles": []any{map[string]any{"role": "worker"}}}
		}
	}
	change := func(method, name, path string, body func(string) any, ok string, special map[string]int, deny int) rule {
		r := rule{name: method + " " + name, method: method, path: path, body: body, ok: ok, special: special, deny: deny}
		r.ifMatch = method == http.MethodPatch
		return r
	}
	post := func(name, path string, body func(string) any, ok string, status int, deny int) rule {
		return rule{name: "POST " + name, method: http.MethodPost, path: path, body: body, ok: ok, status: status, deny: deny}
	}
	activation := func(name, path, action, ok string, special map[string]int, deny int) rule {
		r := rule{name: "POST " + name + "/" + action, method: http.MethodPost, path: path + "/" + action, ok: ok, special: special, deny: deny}
		if action == "deactivate" {
			r.undo = reactivate(path)
		}
		return r
	}
	// Who may see a team but not change it gets 403; who may not see it, 404.
	seesA1 := map[string]int{"leadA1": 403, "workerA1": 403}
	seesB1 := map[string]int{"leadB1": 403, "workerB1": 403}

	return []rule{
		get("me", "/api/v1/me", all, 0),
		get("regions", "/api/v1/regions", all, 0),
		get("positions", "/api/v1/positions", all, 0),

		// Organisations are public facts; only the operator creates or (de)activates them, an org admin edits.
		get("organizations", "/api/v1/organizations", all, 0),
		get("organizations/OrgA", orgPath(w.OrgA.ID), all, 0),
		get("organizations/OrgB", orgPath(w.OrgB.ID), all, 0),
		get("organizations/unknown", orgPath(unknown), "", 404),
		post("organizations", "/api/v1/organizations", newOrg, "admin", 201, 403),
		change(http.MethodPatch, "organizations/OrgA", orgPath(w.OrgA.ID), sameName(w.OrgA.Name), "admin adminA", nil, 403),
		change(http.MethodPatch, "organizations/OrgB", orgPath(w.OrgB.ID), sameName(w.OrgB.Name), "admin", nil, 403),
		change(http.MethodPatch, "organizations/unknown", orgPath(unknown), sameName("X"), "", nil, 404),
		activation("organizations/OrgB", orgPath(w.OrgB.ID), "deactivate", "admin", nil, 403),
		activation("organizations/OrgA", orgPath(w.OrgA.ID), "deactivate", "admin", nil, 403),
		activation("organizations/OrgB", orgPath(w.OrgB.ID), "activate", "admin", nil, 403),
		activation("organizations/unknown", orgPath(unknown), "activate", "", nil, 404),

		// Teams: seen by their organisation's admins, leads and members (others 404), changed by org admins.
		get("teams", "/api/v1/teams", all, 0),
		get("teams/TeamA1", teamPath(w.TeamA1.ID), "admin adminA leadA1 workerA1", 404),
		get("teams/TeamA2", teamPath(w.TeamA2.ID), "admin adminA workerA2", 404),
		get("teams/TeamB1", teamPath(w.TeamB1.ID), "admin leadB1 workerB1", 404),
		get("teams/unknown", teamPath(unknown), "", 404),
		post("teams (OrgA)", "/api/v1/teams", newTeam(w.OrgA.ID), "admin adminA", 201, 403),
		post("teams (OrgB)", "/api/v1/teams", newTeam(w.OrgB.ID), "admin", 201, 403),
		change(http.MethodPatch, "teams/TeamA1", teamPath(w.TeamA1.ID), sameName(w.TeamA1.Name), "admin adminA", seesA1, 404),
		change(http.MethodPatch, "teams/TeamA2", teamPath(w.TeamA2.ID), sameName(w.TeamA2.Name), "admin adminA", map[string]int{"workerA2": 403}, 404),
		change(http.MethodPatch, "teams/TeamB1", teamPath(w.TeamB1.ID), sameName(w.TeamB1.Name), "admin", seesB1, 404),
		change(http.MethodPut, "teams/TeamA1/members", teamPath(w.TeamA1.ID, "members"), userIDs(w.LeadA1.ID, w.WorkerA1.ID), "admin adminA", seesA1, 404),
		change(http.MethodPut, "teams/TeamB1/members", teamPath(w.TeamB1.ID, "members"), userIDs(w.LeadB1.ID, w.WorkerB1.ID), "admin", seesB1, 404),
		change(http.MethodPut, "teams/TeamA1/leads", teamPath(w.TeamA1.ID, "leads"), userIDs(w.LeadA1.ID), "admin adminA", seesA1, 404),
		change(http.MethodPut, "teams/TeamB1/leads", teamPath(w.TeamB1.ID, "leads"), userIDs(w.LeadB1.ID), "admin", seesB1, 404),
		change(http.MethodPut, "teams/unknown/members", teamPath(unknown, "members"), userIDs(), "", nil, 404),
		activation("teams/TeamA1", teamPath(w.TeamA1.ID), "deactivate", "admin adminA", seesA1, 404),
		activation("teams/TeamA1", teamPath(w.TeamA1.ID), "activate", "admin adminA", seesA1, 404),
		activation("teams/TeamB1", teamPath(w.TeamB1.ID), "deactivate", "admin", seesB1, 404),
		activation("teams/TeamB1", teamPath(w.TeamB1.ID), "activate", "admin", seesB1, 404),

		// People: seen by themselves, their organisation's admins and leads of a team they belong to (others
		// 404); listed by admins and leads only (others 403); changed by their organisation's admins.
		get("users", "/api/v1/users", "admin adminA leadA1 leadB1", 403),
		get("users/workerA1", userPath(w.WorkerA1.ID), "admin adminA leadA1 workerA1", 404),
		get("users/workerA2", userPath(w.WorkerA2.ID), "admin adminA workerA2", 404),
		get("users/leadA1", userPath(w.LeadA1.ID), "admin adminA leadA1", 404),
		get("users/workerB1", userPath(w.WorkerB1.ID), "admin leadB1 workerB1", 404),
		get("users/adminA", userPath(w.AdminA.ID), "admin adminA", 404),
		get("users/admin", userPath(w.Admin.ID), "admin", 404),
		get("users/providerP", userPath(w.ProviderP.ID), "admin providerP", 404),
		get("users/supervisor", userPath(w.Supervisor.ID), "admin supervisor", 404),
		get("users/methodologistA", userPath(w.MethodologistA.ID), "admin methodologistA", 404),
		get("users/unknown", userPath(unknown), "", 404),
		post("users (OrgA)", "/api/v1/users", newUser(w.OrgA.ID), "admin adminA", 201, 403),
		post("users (OrgB)", "/api/v1/users", newUser(w.OrgB.ID), "admin", 201, 403),
		change(http.MethodPatch, "users/workerA1", userPath(w.WorkerA1.ID), sameName(w.WorkerA1.Name), "admin adminA", seesA1, 404),
		change(http.MethodPatch, "users/workerA2", userPath(w.WorkerA2.ID), sameName(w.WorkerA2.Name), "admin adminA", map[string]int{"workerA2": 403}, 404),
		change(http.MethodPatch, "users/workerB1", userPath(w.WorkerB1.ID), sameName(w.WorkerB1.Name), "admin", seesB1, 404),
		change(http.MethodPatch, "users/methodologistA", userPath(w.MethodologistA.ID), sameName(w.MethodologistA.Name), "admin", map[string]int{"methodologistA": 403}, 404),
		change(http.MethodPatch, "users/unknown", userPath(unknown), sameName("X"), "", nil, 404),
		// Nobody deactivates themselves (409); a lead who sees a member may not change them (403).
		activation("users/workerA1", userPath(w.WorkerA1.ID), "deactivate", "admin adminA", map[string]int{"leadA1": 403, "workerA1": 409}, 404),
		activation("users/workerA1", userPath(w.WorkerA1.ID), "activate", "admin adminA", seesA1, 404),
		activation("users/workerB1", userPath(w.WorkerB1.ID), "deactivate", "admin", map[string]int{"leadB1": 403, "workerB1": 409}, 404),
		activation("users/workerB1", userPath(w.WorkerB1.ID), "activate", "admin", seesB1, 404),
		activation("users/adminA", userPath(w.AdminA.ID), "deactivate", "admin", map[string]int{"adminA": 409}, 404),
		activation("users/unknown", userPath(unknown), "activate", "", nil, 404),
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		for _, r := range e.rules() {
			for _, who := range append([]string{"anonymous"}, people...) {
				want := http.StatusUnauthorized
				if who != "anonymous" {
					want = r.want(who)
				}
				if want == 0 {
					t.Fatalf("%s: no expectation for %s", r.name, who)
				}
				t.Run(fmt.Sprintf("%s %s → %d", who, r.name, want), func(t *testing.T) {
					req := apitest.Request{Method: r.method, Path: r.path, Token: e.tok[who]}
					if r.body != nil {
						req.Body = r.body(who)
					}
					if r.ifMatch {
						req.Headers = map[string]string{"If-Match": e.etag(t, r.path)}
					}
					res := e.s.Do(t, req)
					if res.Status != want {
						t.Fatalf("got %d, want %d: %s", res.Status, want, res.Body)
					}
					if res.Status < 300 && r.undo != nil {
						r.undo(t)
					}
				})
			}
		}
	})
}

// TestListScope checks what each role finds in the lists, not only that it may ask.
func TestListScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		w := e.w
		names := func(t *testing.T, path, who string) []string {
			t.Helper()
			res := e.s.Get(t, path, e.tok[who])
			if res.Status != http.StatusOK {
				t.Fatalf("%s GET %s: %d %s", who, path, res.Status, res.Body)
			}
			var page struct {
				Items []struct {
					Name string `json:"name"`
				} `json:"items"`
				NextCursor *string `json:"next_cursor"`
			}
			res.JSON(t, &page)
			if page.NextCursor != nil {
				t.Fatalf("%s GET %s: a second page in a small world", who, path)
			}
			out := []string{}
			for _, it := range page.Items {
				out = append(out, it.Name)
			}
			slices.Sort(out)
			return out
		}
		sorted := func(s ...string) []string { slices.Sort(s); return s }
		everybody := []string{}
		for _, u := range w.People() {
			everybody = append(everybody, u.Name)
		}
		orgs := sorted(w.OrgA.Name, w.OrgB.Name, w.Provider.Name)
		teamsA := sorted(w.TeamA1.Name, w.TeamA2.Name)
		for _, c := range []struct {
			who          string
			teams, users []string // users nil: the list is refused (403)
		}{
			{"admin", sorted(w.TeamA1.Name, w.TeamA2.Name, w.TeamB1.Name), sorted(everybody...)},
			{"adminA", teamsA, sorted(w.AdminA.Name, w.LeadA1.Name, w.WorkerA1.Name, w.WorkerA2.Name)},
			{"leadA1", sorted(w.TeamA1.Name), sorted(w.LeadA1.Name, w.WorkerA1.Name)},
			{"workerA1", sorted(w.TeamA1.Name), nil},
			{"workerA2", sorted(w.TeamA2.Name), nil},
			{"leadB1", sorted(w.TeamB1.Name), sorted(w.LeadB1.Name, w.WorkerB1.Name)},
			{"workerB1", sorted(w.TeamB1.Name), nil},
			{"providerP", []string{}, nil},
			{"supervisor", []string{}, nil},
			{"methodologistA", []string{}, nil},
			{"methodologistB", []string{}, nil},
		} {
			t.Run(c.who+" lists", func(t *testing.T) {
				if got := names(t, "/api/v1/organizations", c.who); !slices.Equal(got, orgs) {
					t.Errorf("organizations: %v, want %v", got, orgs)
				}
				if got := names(t, "/api/v1/teams", c.who); !slices.Equal(got, c.teams) {
					t.Errorf("teams: %v, want %v", got, c.teams)
				}
				if c.users == nil {
					if res := e.s.Get(t, "/api/v1/users", e.tok[c.who]); res.Status != http.StatusForbidden {
						t.Errorf("users: %d, want 403", res.Status)
					}
					return
				}
				if got := names(t, "/api/v1/users", c.who); !slices.Equal(got, c.users) {
					t.Errorf("users: %v, want %v", got, c.users)
				}
				// A filter never widens the scope: OrgB's people asked for by OrgA's admin are none.
				if got := names(t, "/api/v1/users?organization_id="+w.OrgB.ID.String(), c.who); c.who == "adminA" && len(got) != 0 {
					t.Errorf("users of OrgB for adminA: %v", got)
				}
				if got := names(t, "/api/v1/teams?organization_id="+w.OrgB.ID.String(), c.who); c.who == "adminA" && len(got) != 0 {
					t.Errorf("teams of OrgB for adminA: %v", got)
				}
			})
		}

		// A team's members and leads come with it; a lead reads the records of the people they lead.
		res := e.s.Get(t, apitest.Path("teams", w.TeamA1.ID), e.tok["leadA1"])
		var team struct {
			Leads, Members []struct {
				ID uuid.UUID `json:"id"`
			}
		}
		res.JSON(t, &team)
		if len(team.Leads) != 1 || team.Leads[0].ID != w.LeadA1.ID || len(team.Members) != 2 {
			t.Errorf("TeamA1 as its lead sees it: %s", res.Body)
		}
	})
}
