package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/directory"
)

type orgSpec struct {
	key, kind, name, ico, parent string
}

var orgs = []orgSpec{
	{"region", directory.KindRegion, "Kraj Vysočina", regionICO, ""},
	{"jihlava", directory.KindMunicipality, "Magistrát města Jihlavy", "00286010", "region"},
	{"trebic", directory.KindMunicipality, "Městský úřad Třebíč", "00290629", "region"},
	{"ngo", directory.KindNGO, "Doprovázení Vysočina, z. s.", "27810038", "region"},
	{"provider", directory.KindProvider, "Akademie sociální práce Vysočina, s.r.o.", "05100046", "region"},
}

type teamSpec struct{ key, org, name string }

var teams = []teamSpec{
	{"ji-ospod", "jihlava", "Oddělení sociálně-právní ochrany dětí"},
	{"ji-kurator", "jihlava", "Oddělení kurátorů pro děti a mládež"},
	{"tr-ospod", "trebic", "Oddělení sociálně-právní ochrany dětí"},
	{"ngo-nrp", "ngo", "Tým doprovázení pěstounských rodin"},
}

// personSpec is one demo person: where they work, in which team, and as what.
type personSpec struct {
	name, email, org, team, position, employment, hired string
	lead, provider, supervisor, methodologist, admin    bool
}

var people = []personSpec{
	{name: "Jana Nováková", email: "pracovnice@demo.rozvoj.cz", org: "jihlava", team: "ji-ospod", position: "ospod-social-worker", employment: "official", hired: "2021-03-01"},
	{name: "Petra Svobodová", email: "vedouci@demo.rozvoj.cz", org: "jihlava", team: "ji-ospod", position: "spod-department-head", employment: "official", hired: "2012-09-01", lead: true},
	{name: "Martin Dvořák", email: "vzdelavatel@demo.rozvoj.cz", org: "provider", position: "trainer", employment: "employee", hired: "2019-01-07", provider: true},
	{name: "Eva Černá", email: "supervizor@demo.rozvoj.cz", position: "external-supervisor", supervisor: true},
	{name: "Lucie Procházková", email: "metodik@demo.rozvoj.cz", org: "region", position: "regional-methodologist", employment: "official", hired: "2016-02-01", methodologist: true},
	{name: "Tomáš Kučera", email: "admin@demo.rozvoj.cz", org: "region", position: "administrator", employment: "official", hired: "2018-05-01", admin: true},

	{name: "Kateřina Veselá", org: "jihlava", team: "ji-ospod", position: "ospod-social-worker", employment: "official", hired: "2017-04-01"},
	{name: "Markéta Horáková", org: "jihlava", team: "ji-ospod", position: "ospod-social-worker", employment: "official", hired: "2023-01-02"},
	{name: "Tereza Němcová", org: "jihlava", team: "ji-ospod", position: "ospod-social-worker", employment: "official", hired: "2026-08-01"},
	{name: "Lenka Marková", org: "jihlava", team: "ji-ospod", position: "substitute-family-care-worker", employment: "official", hired: "2014-10-01"},
	{name: "Hana Pokorná", org: "jihlava", team: "ji-ospod", position: "network-worker", employment: "official", hired: "2020-06-15"},
	{name: "Veronika Pospíšilová", org: "jihlava", team: "ji-ospod", position: "ospod-social-worker", employment: "official", hired: "2022-11-01"},
	{name: "Jiří Hájek", org: "jihlava", team: "ji-kurator", position: "youth-justice-curator", employment: "official", hired: "2010-03-01", lead: true},
	{name: "Michaela Jelínková", org: "jihlava", team: "ji-kurator", position: "youth-justice-curator", employment: "official", hired: "2019-09-01"},
	{name: "Pavel Král", org: "jihlava", team: "ji-kurator", position: "youth-justice-curator", employment: "official", hired: "2024-02-01"},
	{name: "Barbora Růžičková", org: "jihlava", team: "ji-kurator", position: "youth-justice-curator", employment: "official", hired: "2021-07-01"},
	{name: "Ivana Benešová", org: "trebic", team: "tr-ospod", position: "spod-department-head", employment: "official", hired: "2011-01-03", lead: true},
	{name: "Alena Fialová", org: "trebic", team: "tr-ospod", position: "ospod-social-worker", employment: "official", hired: "2015-05-01"},
	{name: "Monika Sedláčková", org: "trebic", team: "tr-ospod", position: "ospod-social-worker", employment: "official", hired: "2018-03-01"},
	{name: "Zuzana Doležalová", org: "trebic", team: "tr-ospod", position: "substitute-family-care-worker", employment: "official", hired: "2020-01-02"},
	{name: "Eliška Zemanová", org: "trebic", team: "tr-ospod", position: "youth-justice-curator", employment: "official", hired: "2022-04-01"},
	{name: "Radka Kolářová", org: "trebic", team: "tr-ospod", position: "ospod-social-worker", employment: "official", hired: "2026-06-01"},
	{name: "Jakub Navrátil", org: "trebic", team: "tr-ospod", position: "network-worker", employment: "official", hired: "2019-10-01"},
	{name: "Simona Čermáková", org: "ngo", team: "ngo-nrp", position: "foster-care-key-worker", employment: "employee", hired: "2013-09-01", lead: true},
	{name: "Klára Urbanová", org: "ngo", team: "ngo-nrp", position: "foster-care-key-worker", employment: "employee", hired: "2018-02-01"},
	{name: "Daniela Vaňková", org: "ngo", team: "ngo-nrp", position: "foster-care-key-worker", employment: "employee", hired: "2021-01-04"},
	{name: "Ondřej Blažek", org: "ngo", team: "ngo-nrp", position: "foster-care-key-worker", employment: "employee", hired: "2023-09-01"},
	{name: "Gabriela Kříženecká", org: "ngo", team: "ngo-nrp", position: "foster-care-key-worker", employment: "employee", hired: "2025-03-01"},
	{name: "Roman Šimek", org: "provider", position: "trainer", employment: "employee", hired: "2020-09-01", provider: true},
	{name: "Irena Holubová", position: "external-supervisor", supervisor: true},
}

func build(ctx context.Context, dir *directory.Service, password string) error {
	orgIDs := map[string]string{}
	for _, o := range orgs {
		in := directory.OrganizationInput{Kind: &o.kind, Name: &o.name, ICO: &o.ico}
		if o.parent == "" {
			region := "CZ063"
			in.RegionCode = &region
		} else {
			parent := orgIDs[o.parent]
			in.ParentID = &parent
		}
		created, err := dir.CreateOrganization(ctx, system, in)
		if err != nil {
			return describe("organisation "+o.name, err)
		}
		orgIDs[o.key] = created.ID.String()
	}
	teamIDs := map[string]string{}
	for _, t := range teams {
		created, err := dir.CreateTeam(ctx, system, directory.TeamInput{OrganizationID: orgIDs[t.org], Name: t.name})
		if err != nil {
			return describe("team "+t.name, err)
		}
		teamIDs[t.key] = created.ID.String()
	}
	positions, err := dir.Positions(ctx)
	if err != nil {
		return err
	}
	positionIDs := map[string]string{}
	for _, p := range positions {
		positionIDs[p.Code] = p.ID.String()
	}
	members := map[string][]string{}
	for i, p := range people {
		in := directory.UserInput{
			Name: p.name, Email: p.email, OrganizationID: orgIDs[p.org], PositionID: positionIDs[p.position],
			EmploymentType: p.employment, HiredOn: p.hired,
		}
		if in.Email == "" {
			in.Email = fmt.Sprintf("osoba%02d@demo.rozvoj.cz", i+1)
		} else {
			in.Password = password // only the role logins sign in; the others are colleagues to see
		}
		if p.hired != "" {
			in.ProbationEnd = probationEnd(p.hired)
			fte := 1.0
			if i%7 == 3 {
				fte = 0.5
			}
			in.FTE = &fte
		}
		if p.team != "" {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "worker"})
		}
		if p.lead {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "lead", TeamID: teamIDs[p.team]})
		}
		if p.provider {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "provider"})
		}
		if p.supervisor {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "supervisor"})
		}
		if p.methodologist {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "methodologist", RegionCode: "CZ063"})
		}
		if p.admin {
			in.Roles = append(in.Roles, directory.RoleInput{Role: "admin"})
		}
		u, err := dir.CreateUser(ctx, system, in)
		if err != nil {
			return describe("person "+p.name, err)
		}
		if p.team != "" {
			members[p.team] = append(members[p.team], u.ID.String())
		}
	}
	for _, t := range teams {
		in := directory.PeopleInput{UserIDs: members[t.key]}
		if _, err := dir.SetMembers(ctx, system, uuid.MustParse(teamIDs[t.key]), in); err != nil {
			return describe("members of "+t.name, err)
		}
	}
	return nil
}

// probationEnd is the last day of the three-month probation (zkušební doba, § 35 zákoníku práce).
func probationEnd(hired string) string {
	t, err := time.Parse(time.DateOnly, hired)
	if err != nil {
		panic(err) // the demo data above is fixed
	}
	return t.AddDate(0, 3, -1).Format(time.DateOnly)
}
