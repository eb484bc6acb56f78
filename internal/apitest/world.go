package apitest

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/directory"
)

// Password is every fixture person's password.
const Password = "Fixture-Password-1"

// World is a small country for authorization tests: organisation A (region CZ063) with teams A1 and A2,
// organisation B (region CZ064) with team B1, a training provider P, and one person per role and scope.
// The people are named by what they are: LeadA1 leads team A1, WorkerA1 is a member of it, AdminA
// administers organisation A only, Admin everything.
type World struct {
	OrgA, OrgB, Provider           *directory.Organization
	TeamA1, TeamA2, TeamB1         *directory.Team
	Admin, AdminA                  *directory.User
	LeadA1, WorkerA1, WorkerA2     *directory.User
	LeadB1, WorkerB1               *directory.User
	ProviderP, Supervisor          *directory.User
	MethodologistA, MethodologistB *directory.User
}

// People lists the fixture's people by a short name, for role × scope tables.
func (w *World) People() map[string]*directory.User {
	return map[string]*directory.User{
		"admin": w.Admin, "adminA": w.AdminA, "leadA1": w.LeadA1, "workerA1": w.WorkerA1, "workerA2": w.WorkerA2,
		"leadB1": w.LeadB1, "workerB1": w.WorkerB1, "providerP": w.ProviderP, "supervisor": w.Supervisor,
		"methodologistA": w.MethodologistA, "methodologistB": w.MethodologistB,
	}
}

// Names lists the fixture's short names, sorted, for authorization matrices.
func (w *World) Names() []string { return slices.Sorted(maps.Keys(w.People())) }

// Tokens signs every fixture person in and returns their access tokens by short name.
func (w *World) Tokens(t *testing.T, s *Server) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, u := range w.People() {
		out[name] = s.Login(t, u.Email, Password)
	}
	return out
}

// NewWorld builds the fixture through the directory service, as the operator.
func NewWorld(t *testing.T, s *Server) *World {
	t.Helper()
	ctx := context.Background()
	dir := directory.NewService(s.DB)
	op := &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	org := func(kind, name, ico, region string) *directory.Organization {
		o, err := dir.CreateOrganization(ctx, op, directory.OrganizationInput{Kind: &kind, Name: &name, ICO: &ico, RegionCode: &region})
		must(err)
		return o
	}
	team := func(o *directory.Organization, name string) *directory.Team {
		tm, err := dir.CreateTeam(ctx, op, directory.TeamInput{OrganizationID: o.ID.String(), Name: name})
		must(err)
		return tm
	}
	w := &World{
		OrgA:     org(directory.KindMunicipality, "Městský úřad Alfa", "00286010", "CZ063"),
		OrgB:     org(directory.KindMunicipality, "Městský úřad Beta", "00290629", "CZ064"),
		Provider: org(directory.KindProvider, "Vzdělávací institut Gama", "05100046", "CZ063"),
	}
	w.TeamA1, w.TeamA2, w.TeamB1 = team(w.OrgA, "Tým A1"), team(w.OrgA, "Tým A2"), team(w.OrgB, "Tým B1")
	person := func(name, email string, o *directory.Organization, roles ...directory.RoleInput) *directory.User {
		in := directory.UserInput{Name: name, Email: email, Password: Password, Roles: roles}
		if o != nil {
			in.OrganizationID = o.ID.String()
		}
		u, err := dir.CreateUser(ctx, op, in)
		must(err)
		return u
	}
	id := func(tm *directory.Team) string { return tm.ID.String() }
	worker := directory.RoleInput{Role: "worker"}
	w.Admin = person("Operátor", "admin@test.cz", nil, directory.RoleInput{Role: "admin"})
	w.AdminA = person("Správce Alfa", "admin.a@test.cz", w.OrgA, directory.RoleInput{Role: "admin", OrganizationID: w.OrgA.ID.String()})
	w.LeadA1 = person("Vedoucí A1", "lead.a1@test.cz", w.OrgA, worker, directory.RoleInput{Role: "lead", TeamID: id(w.TeamA1)})
	w.WorkerA1 = person("Pracovnice A1", "worker.a1@test.cz", w.OrgA, worker)
	w.WorkerA2 = person("Pracovnice A2", "worker.a2@test.cz", w.OrgA, worker)
	w.LeadB1 = person("Vedoucí B1", "lead.b1@test.cz", w.OrgB, worker, directory.RoleInput{Role: "lead", TeamID: id(w.TeamB1)})
	w.WorkerB1 = person("Pracovnice B1", "worker.b1@test.cz", w.OrgB, worker)
	w.ProviderP = person("Lektor Gama", "provider@test.cz", w.Provider, directory.RoleInput{Role: "provider"})
	w.Supervisor = person("Supervizorka", "supervisor@test.cz", nil, directory.RoleInput{Role: "supervisor"})
	w.MethodologistA = person("Metodička A", "method.a@test.cz", nil, directory.RoleInput{Role: "methodologist", RegionCode: "CZ063"})
	w.MethodologistB = person("Metodik B", "method.b@test.cz", nil, directory.RoleInput{Role: "methodologist", RegionCode: "CZ064"})
	for tm, ids := range map[*directory.Team][]*directory.User{
		w.TeamA1: {w.LeadA1, w.WorkerA1}, w.TeamA2: {w.WorkerA2}, w.TeamB1: {w.LeadB1, w.WorkerB1},
	} {
		in := directory.PeopleInput{}
		for _, u := range ids {
			in.UserIDs = append(in.UserIDs, u.ID.String())
		}
		updated, err := dir.SetMembers(ctx, op, tm.ID, in)
		must(err)
		*tm = *updated
	}
	return w
}

// Path joins an API path and an identifier.
func Path(prefix string, id uuid.UUID, suffix ...string) string {
	p := "/api/v1/" + prefix + "/" + id.String()
	for _, s := range suffix {
		p += "/" + s
	}
	return p
}
