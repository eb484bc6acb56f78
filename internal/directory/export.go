package directory

import (
	"strings"

	"github.com/rozvoj/rozvoj/internal/endpoint"
	"github.com/rozvoj/rozvoj/internal/export"
)

// The Czech words of the directory's codes, as the SPA's catalogue (frontend/src/lib/i18n/cs.ts) has them; the
// requirement engine's reasons use them too.
var (
	KindWords = export.Words{"ministry": "ministerstvo", "region": "krajský úřad", "municipality": "obecní úřad (ORP)",
		"provider": "vzdělavatel", "ngo": "nezisková organizace"}
	roleWords = export.Words{"worker": "sociální pracovník/pracovnice", "lead": "vedoucí týmu", "provider": "vzdělavatel",
		"supervisor": "supervizor/supervizorka", "methodologist": "metodik/metodička kraje", "admin": "správce"}
	EmploymentWords = export.Words{"official": "úředník (zák. 312/2002 Sb.)", "employee": "zaměstnanec"}
)

var organizationFile = endpoint.File[Organization]{
	Name:    "Organizace",
	Columns: []string{"Název", "Druh", "IČO", "Kraj", "Aktivní"},
	Row: func(o Organization) []any {
		region := ""
		if o.RegionCode != nil {
			region = RegionName(*o.RegionCode)
		}
		return []any{o.Name, KindWords.Of(o.Kind), o.ICO, region, o.Active}
	},
}

var teamFile = endpoint.File[Team]{
	Name:    "Týmy",
	Columns: []string{"Název týmu", "Vedoucí", "Členové", "Počet členů", "Aktivní"},
	Row: func(t Team) []any {
		return []any{t.Name, names(t.Leads), names(t.Members), len(t.Members), t.Active}
	},
}

var userFile = endpoint.File[User]{
	Name: "Uživatelé",
	Columns: []string{"Jméno a příjmení", "E-mail", "Role", "Organizace", "Pozice", "Pracovní poměr", "Nástup",
		"Konec zkušební doby", "Úvazek", "Odchod", "Aktivní"},
	Row: func(u User) []any {
		employment := ""
		if u.EmploymentType != nil {
			employment = EmploymentWords.Of(*u.EmploymentType)
		}
		return []any{u.Name, u.Email, roles(u.Roles), u.OrganizationName, u.PositionName, employment, u.HiredOn,
			u.ProbationEnd, u.FTE, u.LeftOn, u.Active}
	},
}

func names(people []PersonRef) string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.Name
	}
	return strings.Join(out, ", ")
}

// roles are a person's roles in words, each with the team, organisation or region it is held in.
func roles(rs []RoleView) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = roleWords.Of(string(r.Role))
		switch {
		case r.TeamName != nil:
			out[i] += " (" + *r.TeamName + ")"
		case r.OrganizationName != nil:
			out[i] += " (" + *r.OrganizationName + ")"
		case r.RegionCode != nil:
			out[i] += " (" + RegionName(*r.RegionCode) + ")"
		}
	}
	return strings.Join(out, "; ")
}
