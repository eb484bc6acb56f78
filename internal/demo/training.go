package demo

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/assessment"
	"github.com/rozvoj/rozvoj/internal/attachment"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/paper"
	"github.com/rozvoj/rozvoj/internal/training"
)

// courseSpec is a demo course of the provider; competencies are indices into the published model's list.
type courseSpec struct {
	key, title, description, form, accreditation, until string
	hours                                               int
	competencies                                        []int
	published                                           bool
}

var demoCourses = []courseSpec{
	{key: "krize", title: "Práce s rodinou v krizi", form: "course", hours: 16, accreditation: "A2024/0123-SP", until: "2028-12-31",
		description:  "Dvoudenní kurz: krizová intervence v rodině, bezpečnostní plán, spolupráce s dalšími institucemi.",
		competencies: []int{0, 5, 10}, published: true},
	{key: "rozhovor", title: "Rozhovor s dítětem", form: "course", hours: 8, accreditation: "2019/512-SP", until: "2099-12-31",
		description:  "Jak mluvit s dítětem o jeho situaci a názoru, podle věku a vývojové úrovně; nácvik na modelových situacích.",
		competencies: []int{1, 2}, published: true},
	{key: "can", title: "Syndrom CAN – rozpoznání a postup", form: "course", hours: 8, accreditation: "A2025/0311-SP/PP", until: "2029-06-30",
		description:  "Známky týrání, zneužívání a zanedbávání dítěte, postup OSPOD a spolupráce s policií a zdravotníky.",
		competencies: []int{3, 12}, published: true},
	{key: "nrp", title: "Konference náhradní rodinné péče Vysočina", form: "conference", hours: 6, accreditation: "A2025/0410-SP/PP", until: "2027-12-31",
		description:  "Celodenní konference o doprovázení pěstounských rodin a přípravě dětí na odchod z péče.",
		competencies: []int{20}, published: true},
	{key: "gdpr", title: "Ochrana osobních údajů v praxi OSPOD", form: "training_event", hours: 4,
		description: "Školicí akce: spisová služba, nahlížení do spisu, předávání údajů jiným orgánům.", competencies: []int{30}, published: true},
	{key: "supervize", title: "Sebereflexe a práce se stresem", form: "course", hours: 8, accreditation: "2017/233-SP", until: "2023-12-31",
		description: "Kurz s prošlou akreditací: počítá se jen jako školicí akce.", competencies: []int{40}, published: true},
	// Its competencies are where Jana Nováková falls short of her position's profile, so she is recommended its
	// session (the competencies are filled in at seeding, from her agreed assessment).
	{key: "ipod", title: "Individuální plán ochrany dítěte v praxi", form: "course", hours: 8, accreditation: "A2025/0512-SP", until: "2029-12-31",
		description: "Jak sestavit, projednat a vyhodnocovat IPOD s rodinou a dítětem; práce s cíli a zakázkou.", published: true},
	{key: "priprava", title: "Mediace v rodinných konfliktech (v přípravě)", form: "course", hours: 24,
		description: "Připravovaný kurz, zatím mimo katalog.", competencies: []int{8}},
}

// sessionSpec is a demo session: when (days from the day of seeding, or for one that took place this year, the
// share of the year so far at which it took place, so that its hours fall into this year's compliance whenever
// one seeds), who registered (by name; after capacity they wait), and how it went (present, or a number of
// minutes for a partial attendance).
type sessionSpec struct {
	course          string
	yearShare       float64
	days, length    int // length in days
	place, online   string
	capacity, price int
	registered      []string
	partial         map[string]int
	absent          []string
	recorded        bool // attendance recorded
	closed          bool // closed, certificates issued
	cancelled       bool
}

var demoSessions = []sessionSpec{
	// Taken place this year.
	{course: "krize", yearShare: 0.3, length: 2, place: "Jihlava, Masarykovo nám. 1", capacity: 16, price: 2400, recorded: true, closed: true,
		registered: []string{"Jana Nováková", "Kateřina Veselá", "Lenka Marková", "Hana Pokorná", "Alena Fialová", "Monika Sedláčková"}},
	{course: "rozhovor", yearShare: 0.55, length: 1, place: "Třebíč, Karlovo nám. 104", capacity: 12, price: 1500, recorded: true, closed: true,
		registered: []string{"Kateřina Veselá", "Markéta Horáková", "Lenka Marková", "Zuzana Doležalová", "Eliška Zemanová"},
		partial:    map[string]int{"Zuzana Doležalová": 180}},
	{course: "nrp", yearShare: 0.8, length: 1, place: "Jihlava, Hotel Gustav Mahler", capacity: 80, price: 900, recorded: true, closed: true,
		registered: []string{"Jana Nováková", "Lenka Marková", "Klára Urbanová", "Daniela Vaňková", "Simona Čermáková", "Alena Fialová"},
		absent:     []string{"Daniela Vaňková"}},
	{course: "gdpr", yearShare: 0.88, length: 1, place: "Jihlava, Masarykovo nám. 1", capacity: 30, recorded: true, closed: true,
		registered: []string{"Hana Pokorná", "Veronika Pospíšilová", "Jiří Hájek", "Michaela Jelínková"}},
	// Took place yesterday: the provider has not recorded attendance yet.
	{course: "can", days: -1, length: 1, place: "Jihlava, Masarykovo nám. 1", capacity: 14, price: 1500,
		registered: []string{"Markéta Horáková", "Veronika Pospíšilová", "Michaela Jelínková", "Barbora Růžičková", "Pavel Král"}},
	// Upcoming, open for registration.
	{course: "rozhovor", days: 15, length: 1, place: "Jihlava, Masarykovo nám. 1", capacity: 12, price: 1500,
		registered: []string{"Jana Nováková", "Markéta Horáková", "Tereza Němcová"}},
	{course: "can", days: 24, length: 1, place: "Třebíč, Karlovo nám. 104", capacity: 3, price: 1500,
		registered: []string{"Alena Fialová", "Monika Sedláčková", "Radka Kolářová", "Eliška Zemanová"}}, // full, one waits
	{course: "krize", days: 38, length: 2, online: "https://meet.akademie-vysocina.cz/krize", capacity: 20, price: 2400,
		registered: []string{"Hana Pokorná"}},
	{course: "ipod", days: 9, length: 1, place: "Jihlava, Masarykovo nám. 1", capacity: 16, price: 1500},
	{course: "nrp", days: 70, length: 1, place: "Pelhřimov, Kulturní dům Máj", capacity: 120, price: 900},
	{course: "supervize", days: 30, length: 1, place: "Jihlava, Masarykovo nám. 1", capacity: 15, price: 1200, cancelled: true},
}

// externalSpec is training a demo person did elsewhere, daysAgo before the day of seeding.
type externalSpec struct {
	person, title, provider, form, accreditation string
	hours, daysAgo                               int
	pending                                      bool
}

var demoExternals = []externalSpec{
	{person: "Jana Nováková", title: "Konference Ohrožené dítě 2026", provider: "Národní institut pro sociální práci", form: "conference",
		accreditation: "A2026/0042-SP", hours: 6, daysAgo: 20, pending: true},
	{person: "Kateřina Veselá", title: "Práce s rodinou s duševně nemocným rodičem", provider: "Institut sociální práce Brno", form: "course",
		accreditation: "A2023/0777-SP", hours: 8, daysAgo: 95},
	{person: "Hana Pokorná", title: "Síťování služeb pro rodiny", provider: "Krajský úřad Kraje Vysočina", form: "training_event",
		hours: 10, daysAgo: 120},
	{person: "Klára Urbanová", title: "Doprovázení pěstounů – výcvik", provider: "Středisko náhradní rodinné péče", form: "course",
		accreditation: "2018/1123-SP/PP", hours: 24, daysAgo: 200},
	{person: "Simona Čermáková", title: "Vedení týmu v sociální práci", provider: "Institut vzdělávání Praha", form: "course",
		accreditation: "A2024/0901-SP/VP", hours: 16, daysAgo: 180},
}

// zozMissing are officials whose ZOZ exam is not on file: the compliance page shows it missed.
var zozMissing = map[string]bool{"Pavel Král": true}

// inductionMissing are officials whose induction is not on file, though its three months have passed.
var inductionMissing = map[string]bool{"Tereza Němcová": true}

// seedTraining gives the provider its catalogue and the demo people their training: sessions that took place
// with attendance and certificates, one waiting for its attendance, upcoming ones (one full with a waitlist, one
// cancelled), external training (one waiting for the lead) and the officials' induction and ZOZ exam, so that
// the compliance pages show people in every state.
func seedTraining(ctx context.Context, tx bun.Tx) error {
	dir := directory.NewService(tx)
	fw := framework.NewService(tx)
	current, err := fw.CurrentPublished(ctx)
	if err != nil {
		return err
	}
	competencies, err := fw.CompetencyIDs(ctx, current.ID)
	if err != nil {
		return err
	}
	var people []struct {
		ID             uuid.UUID      `bun:"id"`
		Name           string         `bun:"name"`
		OrganizationID *uuid.UUID     `bun:"organization_id"`
		EmploymentType *string        `bun:"employment_type"`
		HiredOn        *database.Date `bun:"hired_on"`
	}
	if err := tx.NewSelect().Table("users").Column("id", "name", "organization_id", "employment_type", "hired_on").Scan(ctx, &people); err != nil {
		return err
	}
	ids := map[string]uuid.UUID{}
	var provider *auth.Principal
	for _, p := range people {
		ids[p.Name] = p.ID
		if p.Name == "Martin Dvořák" {
			provider = &auth.Principal{UserID: p.ID, OrganizationID: p.OrganizationID,
				Grants: []auth.Grant{{Role: auth.Provider, OrganizationID: p.OrganizationID}}}
		}
	}
	if provider == nil {
		return fmt.Errorf("demo: the provider login is missing")
	}
	gaps, err := gapsOf(ctx, tx, dir, fw, ids["Jana Nováková"])
	if err != nil {
		return err
	}
	svc := training.NewService(tx, dir, fw, "")
	courses := map[string]*training.Course{}
	for _, c := range demoCourses {
		in := training.CourseInput{Title: &c.title, Description: &c.description, Form: &c.form, Hours: &c.hours, Published: &c.published}
		if c.accreditation != "" {
			from := "2017-01-01"
			in.AccreditationNumber, in.AccreditedFrom, in.AccreditedUntil = &c.accreditation, &from, &c.until
		}
		list := make([]training.CompetencyInput, 0, len(c.competencies))
		for _, i := range c.competencies {
			list = append(list, training.CompetencyInput{CompetencyID: competencies[i%len(competencies)].String(), TargetLevel: 3})
		}
		if c.key == "ipod" {
			for _, g := range gaps {
				list = append(list, training.CompetencyInput{CompetencyID: g.String(), TargetLevel: 4})
			}
		}
		in.Competencies = &list
		created, err := svc.CreateCourse(ctx, provider, in)
		if err != nil {
			return describe("course "+c.title, err)
		}
		courses[c.key] = created
	}
	now := database.Now()
	for _, spec := range demoSessions {
		if err := seedSession(ctx, tx, svc, provider, courses[spec.course], spec, ids, now); err != nil {
			return describe("session of "+spec.course, err)
		}
	}
	return seedExternals(ctx, tx, people, ids, now)
}

// gapsOf lists up to three competencies where a person's agreed level is below their position's profile.
func gapsOf(ctx context.Context, tx bun.Tx, dir *directory.Service, fw *framework.Service, person uuid.UUID) ([]uuid.UUID, error) {
	profile, err := assessment.NewService(tx, dir, fw).Profile(ctx, &auth.Principal{UserID: person}, person)
	if err != nil {
		return nil, err
	}
	var out []uuid.UUID
	for _, c := range profile.Competencies {
		if c.Gap != nil && *c.Gap > 0 && len(out) < 3 {
			out = append(out, c.CompetencyID)
		}
	}
	return out, nil
}

// seedSession writes a session and its registrations as the workflow would have left them (registration is
// closed for a session in the past), then records attendance, closes and issues certificates through the service.
func seedSession(ctx context.Context, tx bun.Tx, svc *training.Service, provider *auth.Principal, c *training.Course,
	spec sessionSpec, ids map[string]uuid.UUID, now time.Time) error {
	prague := database.Prague
	day := now.In(prague).AddDate(0, 0, spec.days)
	if spec.yearShare > 0 {
		day = pastDay(now.In(prague), spec.yearShare)
	}
	starts := time.Date(day.Year(), day.Month(), day.Day(), 8, 30, 0, 0, prague).UTC()
	ends := time.Date(day.Year(), day.Month(), day.Day()+spec.length-1, 15, 30, 0, 0, prague).UTC()
	se := &training.Session{ID: uuid.Must(uuid.NewV7()), CourseID: c.ID, StartsAt: starts, EndsAt: ends, Place: spec.place,
		PlaceSearch: database.Fold(spec.place), OnlineURL: spec.online, Capacity: spec.capacity, Price: spec.price,
		RegistrationDeadline: starts.AddDate(0, 0, -3), Status: training.Open, Version: 1, CreatedAt: now, UpdatedAt: now}
	switch {
	case spec.cancelled:
		se.Status = training.Cancelled
	case len(spec.registered) >= spec.capacity:
		se.Status = training.Full
	}
	if _, err := tx.NewInsert().Model(se).Exec(ctx); err != nil {
		return err
	}
	var entries []training.AttendanceEntryInput
	for i, name := range spec.registered {
		r := &training.Registration{ID: uuid.Must(uuid.NewV7()), SessionID: se.ID, PersonID: ids[name], Status: training.Confirmed,
			CreatedAt: starts.AddDate(0, 0, -20+i)}
		if i >= spec.capacity {
			seq := i - spec.capacity + 1
			r.Status, r.WaitlistSeq = training.Waitlisted, &seq
		}
		if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
			return err
		}
		e := training.AttendanceEntryInput{RegistrationID: r.ID.String(), Status: "present"}
		if m, ok := spec.partial[name]; ok {
			e.Status, e.Minutes = "partial", &m
		}
		for _, a := range spec.absent {
			if a == name {
				e.Status = "absent"
			}
		}
		entries = append(entries, e)
	}
	if !spec.recorded {
		return nil
	}
	if _, err := svc.RecordAttendance(ctx, provider, se.ID, training.AttendanceInput{Entries: entries}); err != nil {
		return err
	}
	if !spec.closed {
		return nil
	}
	if _, err := svc.CloseSession(ctx, provider, se.ID, se.Version); err != nil {
		return err
	}
	if c.AccreditationNumber == nil {
		return nil
	}
	_, err := svc.IssueCertificates(ctx, provider, se.ID)
	return err
}

// pastDay is the day at a share of this year so far; in the first two weeks of a year, of the last year, since
// this one has no past to speak of yet.
func pastDay(today time.Time, share float64) time.Time {
	jan1 := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, today.Location())
	span := int(today.Sub(jan1).Hours()/24) - 1
	if span < 14 {
		jan1, span = jan1.AddDate(-1, 0, 0), 365
	}
	return jan1.AddDate(0, 0, int(share*float64(span)))
}

// seedExternals records the external training and the officials' induction and ZOZ exam, confirmed by the
// person's lead, except one that waits for the lead. They share one scanned certificate.
func seedExternals(ctx context.Context, tx bun.Tx, people []struct {
	ID             uuid.UUID      `bun:"id"`
	Name           string         `bun:"name"`
	OrganizationID *uuid.UUID     `bun:"organization_id"`
	EmploymentType *string        `bun:"employment_type"`
	HiredOn        *database.Date `bun:"hired_on"`
}, ids map[string]uuid.UUID, now time.Time) error {
	var scan bytes.Buffer
	if err := paper.WriteCertificate(&scan, paper.CertificateDoc{Number: "VZOR-2026-000001", PersonName: "Vzor", CourseTitle: "Vzor osvědčení", VerifyURL: "https://example.org/verify/VZOR"}); err != nil {
		return err
	}
	file, err := attachment.Save(ctx, tx, ids["Jana Nováková"], "certificate", "osvedceni.pdf", scan.Bytes())
	if err != nil {
		return err
	}
	add := func(person uuid.UUID, title, provider, form string, accreditation *string, hours int, date time.Time, pending bool) error {
		x := &training.ExternalTraining{ID: uuid.Must(uuid.NewV7()), PersonID: person, Title: title, ProviderName: provider,
			Form: form, Hours: hours, Date: database.NewDate(date.Date()), AccreditationNumber: accreditation,
			CertificateID: file.ID, State: training.Confirmed, Version: 2, CreatedAt: date, UpdatedAt: date}
		if pending {
			x.State, x.Version = training.Pending, 1
		} else {
			x.DecidedAt = &date
		}
		_, err := tx.NewInsert().Model(x).Exec(ctx)
		return err
	}
	for _, x := range demoExternals {
		var acc *string
		if x.accreditation != "" {
			acc = &x.accreditation
		}
		if err := add(ids[x.person], x.title, x.provider, x.form, acc, x.hours, now.AddDate(0, 0, -x.daysAgo), x.pending); err != nil {
			return err
		}
	}
	for _, p := range people {
		if p.EmploymentType == nil || *p.EmploymentType != "official" || p.HiredOn == nil {
			continue
		}
		hired := p.HiredOn.Time
		if induction := hired.AddDate(0, 2, 0); induction.Before(now) && !inductionMissing[p.Name] {
			if err := add(p.ID, "Vstupní vzdělávání úředníka", "Krajský úřad Kraje Vysočina", "induction", nil, 0, induction, false); err != nil {
				return err
			}
			// Hired since the amendment of 1 June 2025: the induction closes with an exam.
			if !hired.Before(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)) {
				if err := add(p.ID, "Zkouška vstupního vzdělávání", "Krajský úřad Kraje Vysočina", "induction_exam", nil, 0, induction.AddDate(0, 0, 7), false); err != nil {
					return err
				}
			}
		}
		if zoz := hired.AddDate(0, 14, 0); zoz.Before(now) && !zozMissing[p.Name] {
			if err := add(p.ID, "Zkouška zvláštní odborné způsobilosti (SPOD)", "Ministerstvo vnitra", "exam_zoz", nil, 0, zoz, false); err != nil {
				return err
			}
		}
	}
	return nil
}
